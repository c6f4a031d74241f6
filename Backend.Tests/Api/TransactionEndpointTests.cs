using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Backend.Ingest.Api;
using Terminal.Firmware.Journal;
using Xunit;

namespace Backend.Tests.Api;

/// <summary>GET /api/transactions over rows stored from real journal records, on SQLite and PostgreSQL.</summary>
public sealed class TransactionEndpointTests
{
    /// <summary>The documented default and cap of the limit parameter (docs/operator-guide.md).</summary>
    private const int DefaultLimit = 50;
    private const int MaxLimit = 500;

    private static readonly DateTimeOffset Morning = new(2026, 11, 25, 8, 0, 0, TimeSpan.Zero);
    private static readonly byte[] SevenByteCard = [0x04, 0xA1, 0xB2, 0xC3, 0xD4, 0xE5, 0xF6];
    private static readonly byte[] FourByteCard = [0xDE, 0xAD, 0xBE, 0xEF];

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task StoredRecordsComeBackWithEveryFieldNewestArrivalFirst(string kind)
    {
        await using var database = await TestDatabase.CreateAsync(kind);
        await database.InsertAsync(21, Morning.AddSeconds(5), StoredRecords.CardTap(1, Morning, SevenByteCard, amount: 250, balanceAfter: -120, route: 4660));
        await database.InsertAsync(21, Morning.AddSeconds(9), StoredRecords.Qr(2, Morning.AddSeconds(3), account: 90_001, token: 0xFEDC_BA98_7654_3210, amount: 180));
        await database.InsertAsync(22, Morning.AddSeconds(7), StoredRecords.Refusal(1, Morning.AddSeconds(2), FourByteCard, RefusalCode.Blacklisted));
        await using var host = await ApiHost.StartAsync(database, Morning.AddMinutes(1));

        var list = await host.Client.GetFromJsonAsync<TransactionList>("/api/transactions");

        Assert.Equal(DefaultLimit, list!.Limit);
        Assert.Equal(
            [
                new TransactionView(21, 2, "QrAccepted", Morning.AddSeconds(3), Morning.AddSeconds(9), 180, "1.80", null, 90_001, "18364758544493064720", null, null, 12),
                new TransactionView(22, 1, "Refusal", Morning.AddSeconds(2), Morning.AddSeconds(7), 0, "0.00", "DEADBEEF", null, null, 0, "0.00", 0),
                new TransactionView(21, 1, "CardTapAccepted", Morning, Morning.AddSeconds(5), 250, "2.50", "04A1B2C3D4E5F6", null, null, -120, "-1.20", 4660),
            ],
            list.Transactions);
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task FiltersByTerminalCardAndArrivalTimeCombine(string kind)
    {
        await using var database = await TestDatabase.CreateAsync(kind);
        await database.InsertAsync(1, Morning, StoredRecords.CardTap(1, Morning, SevenByteCard, 250, 1000));
        await database.InsertAsync(1, Morning.AddMinutes(10), StoredRecords.CardTap(2, Morning, FourByteCard, 250, 1000));
        await database.InsertAsync(1, Morning.AddMinutes(20), StoredRecords.CardTap(3, Morning, SevenByteCard, 250, 750));
        await database.InsertAsync(2, Morning.AddMinutes(30), StoredRecords.CardTap(1, Morning, SevenByteCard, 250, 500));
        await using var host = await ApiHost.StartAsync(database, Morning.AddHours(1));

        Assert.Equal([(2u, 1L), (1u, 3L), (1u, 1L)], await KeysAsync(host, "card=04a1b2c3d4e5f6"));
        Assert.Equal([(1u, 3L), (1u, 2L), (1u, 1L)], await KeysAsync(host, "terminal=1"));
        Assert.Equal([(1u, 3L), (1u, 1L)], await KeysAsync(host, "terminal=1&card=04A1B2C3D4E5F6"));
        Assert.Equal([(2u, 1L), (1u, 3L)], await KeysAsync(host, "since=2026-11-25T08:20:00Z"));
        Assert.Equal([(2u, 1L), (1u, 3L)], await KeysAsync(host, "since=2026-11-25T09:20:00%2B01:00"));
        Assert.Equal([(2u, 1L), (1u, 3L)], await KeysAsync(host, "limit=2"));
        Assert.Empty(await KeysAsync(host, "terminal=3"));
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task ALimitAboveTheCapReturnsTheCapNewestFirst(string kind)
    {
        await using var database = await TestDatabase.CreateAsync(kind);
        var records = Enumerable.Range(1, MaxLimit + 20)
            .Select(i => StoredRecords.CardTap((uint)i, Morning.AddSeconds(i), FourByteCard, 100, 5000 - i))
            .ToArray();
        for (var i = 0; i < records.Length; i++)
        {
            await database.InsertAsync(9, Morning.AddSeconds(i), records[i]);
        }

        await using var host = await ApiHost.StartAsync(database, Morning.AddHours(1));

        var list = await host.Client.GetFromJsonAsync<TransactionList>("/api/transactions?limit=100000000000");

        Assert.Equal(MaxLimit, list!.Limit);
        Assert.Equal(
            Enumerable.Range(21, MaxLimit).Reverse().Select(i => (long)i),
            list.Transactions.Select(tx => tx.Sequence));
    }

    [Theory]
    [InlineData("card=XYZ12345", "card")]
    [InlineData("card=04A1B2C3D4", "card")]
    [InlineData("card=", "card")]
    [InlineData("terminal=-1", "terminal")]
    [InlineData("terminal=bus7", "terminal")]
    [InlineData("since=yesterday", "since")]
    [InlineData("limit=0", "limit")]
    [InlineData("limit=ten", "limit")]
    public async Task BadInputIsRefusedWithAProblemNamingTheParameter(string query, string parameter)
    {
        await using var database = await TestDatabase.CreateAsync("sqlite");
        await using var host = await ApiHost.StartAsync(database, Morning);

        using var response = await host.Client.GetAsync($"/api/transactions?{query}");

        await ProblemAssert.IsValidationProblemAsync(response, parameter);
    }

    private static async Task<List<(uint Terminal, long Sequence)>> KeysAsync(ApiHost host, string query)
    {
        var list = await host.Client.GetFromJsonAsync<TransactionList>($"/api/transactions?{query}");
        return list!.Transactions.Select(tx => (tx.TerminalId, tx.Sequence)).ToList();
    }
}
