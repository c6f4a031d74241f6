using System.Diagnostics;
using System.Text;
using Backend.Tests.Api;
using Terminal.Firmware.Journal;
using Xunit;
using Xunit.Abstractions;
using static Backend.Tests.Reconciliation.Journals;

namespace Backend.Tests.Reconciliation;

/// <summary>
/// How fast the reconciliation examines what ingest stored: a day of 10,000 registered cards riding 20 buses,
/// four taps each (40,000 honest taps) stored through the group commit, then timed until every record is examined
/// (by the hosted consumer of one backend process, from its start). Prints records per second;
/// nothing may be found. A pass reads every stored record of the cards it examines, so the cost of a record
/// grows with its card's history (docs/reconciliation.md). Run alone, not beside the other test classes, so the
/// figure is the consumer's and not the machine's; the floor it must clear is well below what it does on a
/// loaded two-core machine, so that only a real slowdown fails it.
/// </summary>
[Collection(ReconciliationThroughputTests.Alone)]
public sealed class ReconciliationThroughputTests(ITestOutputHelper output)
{
    public const string Alone = "reconciliation throughput, alone";

    private const int Terminals = 20;
    private const int Cards = 10_000;
    private const int TapsPerCard = 4;
    private const int RecordsPerBatch = 250;

    private const string ExaminedTerminals =
        "select count(*) from reconciliation_cursors c join terminals h on h.terminal_id = c.terminal_id where c.examined_through = h.high_water";

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task Examines_thousands_of_records_a_second(string kind)
    {
        await using var database = await TestDatabase.CreateAsync(kind);
        await using var journals = new Journals(database);
        await RegisterCardsAsync(database);

        var perTerminal = Enumerable.Range(0, Terminals).Select(_ => new List<TxRecord>()).ToArray();
        for (var card = 0; card < Cards; card++)
        {
            for (var tap = 0; tap < TapsPerCard; tap++)
            {
                var terminal = (card + tap) % Terminals;
                var at = Morning.AddMinutes(tap * 180 + card % 97);
                perTerminal[terminal].Add(Tap((uint)perTerminal[terminal].Count + 1, at, Uid(card), tap + 2, 100, 100_000 - (100 * (tap + 1))));
            }
        }

        for (var terminal = 0; terminal < Terminals; terminal++)
        {
            foreach (var batch in perTerminal[terminal].Chunk(RecordsPerBatch))
            {
                await journals.UploadAsync((uint)(100 + terminal), batch);
            }
        }

        var records = perTerminal.Sum(t => t.Count);
        var clock = Stopwatch.StartNew();
        await using var host = await ReconciliationHost.StartAsync(database);
        await Backend.Tests.Ingest.Eventually.TrueAsync(async () => await database.CountAsync(ExaminedTerminals) == Terminals, "every record examined", seconds: 120);
        clock.Stop();

        var perSecond = records / clock.Elapsed.TotalSeconds;
        output.WriteLine($"reconciliation {kind}: {records} records examined in {clock.Elapsed.TotalSeconds:F2} s = {perSecond:F0} records/s");
        Assert.Equal(0, await database.CountAsync("select count(*) from findings"));
        Assert.True(perSecond > 1000, $"{perSecond:F0} records/s");
    }

    /// <summary>Every card registered and issued with 1,000.00, in one statement each.</summary>
    private static async Task RegisterCardsAsync(TestDatabase database)
    {
        var cards = new StringBuilder("insert into cards (uid, card_type, key_version, expiry_day, status, issued_at, issued_by, status_changed_at) values ");
        var issues = new StringBuilder("insert into ledger_transfers (kind, debit_account, credit_account, amount, source_key, leg, occurred_at, posted_at) values ");
        var at = Morning.AddHours(-1).ToUnixTimeMilliseconds();
        for (var card = 0; card < Cards; card++)
        {
            var separator = card == 0 ? "" : ", ";
            cards.Append($"{separator}('{Hex(Uid(card))}', 0, 1, 21000, 'active', {at}, 'desk 1', {at})");
            issues.Append($"{separator}('issue', 'clearing:cash', 'card:{Hex(Uid(card))}', 100000, 'issue-{card}', 0, {at}, {at})");
        }

        await database.ExecuteAsync(cards.ToString());
        await database.ExecuteAsync(issues.ToString());
    }
}

/// <summary>The throughput test runs with no other test class beside it.</summary>
[CollectionDefinition(ReconciliationThroughputTests.Alone, DisableParallelization = true)]
public sealed class ReconciliationThroughputCollection;
