using System.Net.Http.Json;
using Backend.Ingest.Api;
using Terminal.Firmware.Journal;
using Xunit;

namespace Backend.Tests.Api;

/// <summary>GET /api/cards/{uid}/transactions and GET /api/summary.</summary>
public sealed class CardAndSummaryEndpointTests
{
    private static readonly DateTimeOffset Today = new(2026, 11, 25, 7, 30, 0, TimeSpan.Zero);
    private static readonly byte[] Card = [0x04, 0x11, 0x22, 0x33, 0x44, 0x55, 0x66];
    private static readonly byte[] OtherCard = [0x0A, 0x0B, 0x0C, 0x0D];

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task ACardsHistoryIsItsOwnRecordsNewestFirstWithTheBalanceAfterEach(string kind)
    {
        await using var database = await TestDatabase.CreateAsync(kind);
        await database.InsertAsync(1, Today.AddMinutes(1), StoredRecords.CardTap(10, Today, Card, 250, 750));
        await database.InsertAsync(1, Today.AddMinutes(1), StoredRecords.CardTap(11, Today.AddSeconds(20), OtherCard, 250, 90));
        await database.InsertAsync(2, Today.AddHours(2), StoredRecords.Card(TxKind.TopUp, 3, Today.AddHours(1), Card, 2000, 2750));
        await database.InsertAsync(3, Today.AddHours(3), StoredRecords.CardTap(8, Today.AddHours(2), Card, 300, 2450));
        await using var host = await ApiHost.StartAsync(database, Today.AddHours(4));

        var history = await host.Client.GetFromJsonAsync<CardHistory>("/api/cards/04112233445566/transactions");

        Assert.Equal("04112233445566", history!.CardUid);
        Assert.Equal(
            [("CardTapAccepted", 300, "2450", "24.50"), ("TopUp", 2000, "2750", "27.50"), ("CardTapAccepted", 250, "750", "7.50")],
            history.Transactions.Select(tx => (tx.Kind, tx.Amount, tx.BalanceAfter!.Value.ToString(), tx.BalanceAfterText!)));
        Assert.All(history.Transactions, tx => Assert.Equal("04112233445566", tx.CardUid));
    }

    [Fact]
    public async Task AnUnknownCardHasAnEmptyHistoryAndAMalformedUidOrLimitIsABadRequest()
    {
        await using var database = await TestDatabase.CreateAsync("sqlite");
        await using var host = await ApiHost.StartAsync(database, Today);

        Assert.Empty((await host.Client.GetFromJsonAsync<CardHistory>("/api/cards/0A0B0C0D/transactions"))!.Transactions);
        using var bad = await host.Client.GetAsync("/api/cards/0A0B0C0G/transactions");
        await ProblemAssert.IsValidationProblemAsync(bad, "uid");
        using var badLimit = await host.Client.GetAsync("/api/cards/0A0B0C0D/transactions?limit=-3");
        await ProblemAssert.IsValidationProblemAsync(badLimit, "limit");
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task TheSummaryCountsAndSumsTodaysRecordsByKind(string kind)
    {
        await using var database = await TestDatabase.CreateAsync(kind);
        var midnight = new DateTimeOffset(2026, 11, 25, 0, 0, 0, TimeSpan.Zero);
        await database.InsertAsync(1, Today,
            StoredRecords.CardTap(1, midnight, Card, 250, 1000),
            StoredRecords.CardTap(2, Today, Card, 250, 750),
            StoredRecords.Qr(3, Today, 5, 77, 180),
            StoredRecords.Refusal(4, Today, OtherCard, RefusalCode.CardTampered),
            StoredRecords.Card(TxKind.TopUp, 5, midnight.AddDays(1).AddSeconds(-1), Card, 2000, 2750),
            StoredRecords.CardTap(6, midnight.AddSeconds(-1), Card, 999, 0),
            StoredRecords.CardTap(7, midnight.AddDays(1), Card, 999, 0));
        await using var host = await ApiHost.StartAsync(database, Today.AddHours(10));

        var summary = await host.Client.GetFromJsonAsync<DailySummary>("/api/summary");

        Assert.Equal(new DateOnly(2026, 11, 25), summary!.Date);
        Assert.Equal(5, summary.Transactions);
        Assert.Equal(
            [new KindTotal("CardTapAccepted", 2, 500, "5.00"), new KindTotal("QrAccepted", 1, 180, "1.80"),
             new KindTotal("Refusal", 1, 0, "0.00"), new KindTotal("TopUp", 1, 2000, "20.00")],
            summary.ByKind);

        var yesterday = await host.Client.GetFromJsonAsync<DailySummary>("/api/summary?date=2026-11-24");
        Assert.Equal([new KindTotal("CardTapAccepted", 1, 999, "9.99")], yesterday!.ByKind);

        using var bad = await host.Client.GetAsync("/api/summary?date=25/11/2026");
        await ProblemAssert.IsValidationProblemAsync(bad, "date");
    }
}
