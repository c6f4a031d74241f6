using Backend.Ingest.Privacy;
using Backend.Tests.Api;
using Backend.Tests.Cards;
using Backend.Tests.Ledger;
using Backend.Tests.Storage;
using Microsoft.Extensions.DependencyInjection;
using Terminal.Firmware.Journal;
using Xunit;

namespace Backend.Tests.Privacy;

/// <summary>The retention job by the backend's clock: old travel records lose the passenger, newer ones and the ledger stay, on both stores.</summary>
public sealed class RetentionSweepTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 9, 0, 0, TimeSpan.Zero);

    /// <summary>Thirteen months and a day after the records stored at <see cref="Batches.Timestamp"/> (1 January 2026).</summary>
    private static readonly DateTimeOffset Later = new(2027, 2, 2, 9, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task TravelRecordsOlderThanThirteenMonthsAreUnlinkedNewerOnesKeptAndTheLedgerStillSumsToZero(string kind)
    {
        await using var database = await TestDatabase.CreateAsync(kind);
        await using var host = await ApiHost.StartAsync(database, Now);
        await host.Client.PostAsync("/api/cards", DeskRequests.Card(LedgerRecords.CardHex), DeskRequests.NewKey());
        var recent = LedgerRecords.Card(TxKind.CardTapAccepted, 3, 250);
        recent.Timestamp = Batches.Timestamp + 60u * 24 * 3600;
        await using (var store = database.Store().CreateTransactionStore())
        {
            await store.StoreGroupAsync([LedgerRecords.Batch(5,
                LedgerRecords.Card(TxKind.CardTapAccepted, 1, 250), LedgerRecords.Card(TxKind.CardTapAccepted, 2, 250), recent)]);
        }

        var ledgerBefore = await LedgerBook.TransfersAsync(() => database.DataSource.CreateConnection());
        host.Clock.Now = Later;
        await host.Services.GetRequiredService<RetentionSweep>().RunAsync(CancellationToken.None);

        var rows = await CardDeskTests.ReadAsync(database, "select sequence, card_uid, amount from transactions order by sequence");
        Assert.Equal([["1", null, "250"], ["2", null, "250"], ["3", LedgerRecords.CardHex, "250"]], rows);
        foreach (var record in await RecordsAsync(database))
        {
            Assert.Equal(record.Sequence == 3, ContainsUid(record.Bytes));
        }

        var ledgerAfter = await LedgerBook.TransfersAsync(() => database.DataSource.CreateConnection());
        Assert.Equal(ledgerBefore, ledgerAfter);
        Assert.Equal(0, LedgerBook.Balances(ledgerAfter).Values.Sum());
        var audit = await CardDeskTests.ReadAsync(database, "select actor, detail from audit_log where action = 'privacy.retention'");
        Assert.Equal(ContactSealingTests.PrivacyActor, Assert.Single(audit)[0]);
        Assert.Contains("\"tripsUnlinked\":2", audit[0][1]);

        Assert.Equal(new RetentionOutcome(0, 0, 0), await host.Services.GetRequiredService<RetentionSweep>().RunAsync(CancellationToken.None));
    }

    private static bool ContainsUid(byte[] record) =>
        record.AsSpan().IndexOf(LedgerRecords.CardUid) >= 0;

    private static async Task<List<(long Sequence, byte[] Bytes)>> RecordsAsync(TestDatabase database)
    {
        await using var command = database.DataSource.CreateCommand("select sequence, record from transactions order by sequence");
        await using var reader = await command.ExecuteReaderAsync();
        var records = new List<(long, byte[])>();
        while (await reader.ReadAsync())
        {
            records.Add((reader.GetInt64(0), (byte[])reader.GetValue(1)));
        }

        return records;
    }
}
