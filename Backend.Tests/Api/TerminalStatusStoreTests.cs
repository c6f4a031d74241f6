using Backend.Ingest.Fleet;
using Xunit;

namespace Backend.Tests.Api;

/// <summary>The terminal_status table on a real SQLite file and the real PostgreSQL.</summary>
public sealed class TerminalStatusStoreTests
{
    private static readonly DateTimeOffset Noon = new(2026, 11, 25, 12, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task AReportIsStoredFieldForFieldAndTheNextOneReplacesIt(string kind)
    {
        await using var database = await TestDatabase.CreateAsync(kind);
        var store = await StoreAsync(database);

        await store.UpsertAsync(new TerminalStatusReport(7, true, 10_203, 4, 19, 2, 35, Noon, PendingLoadsVersion: 5));
        await store.UpsertAsync(new TerminalStatusReport(3, true, 10_203, 4, 18, 2, 0, Noon));
        await store.UpsertAsync(new TerminalStatusReport(7, true, 10_204, 5, 20, 3, 12, Noon.AddMinutes(1), PendingLoadsVersion: 6));

        Assert.Equal(
            [new TerminalStatus(3, true, 10_203, 4, 18, 2, 0, Noon), new TerminalStatus(7, true, 10_204, 5, 20, 3, 12, Noon.AddMinutes(1), 6)],
            await store.ListAsync());
        Assert.Equal(new TerminalStatus(3, true, 10_203, 4, 18, 2, 0, Noon), await store.FindAsync(3));
        Assert.Null(await store.FindAsync(4));
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task AReportOlderThanTheStoredOneChangesNothing(string kind)
    {
        await using var database = await TestDatabase.CreateAsync(kind);
        var store = await StoreAsync(database);
        var current = new TerminalStatusReport(7, true, 2, 2, 2, 2, 5, Noon);
        await store.UpsertAsync(current);

        await store.UpsertAsync(current with { FirmwareVersion = 1, JournalBacklog = 900, ReceivedAt = Noon.AddSeconds(-60) });

        Assert.Equal(new TerminalStatus(7, true, 2, 2, 2, 2, 5, Noon), await store.FindAsync(7));
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task TheOfflineWillKeepsTheLastReportAndItsTimeButSaysOffline(string kind)
    {
        await using var database = await TestDatabase.CreateAsync(kind);
        var store = await StoreAsync(database);
        await store.UpsertAsync(new TerminalStatusReport(7, true, 9, 8, 7, 6, 44, Noon));

        await store.MarkOfflineAsync(7, Noon.AddSeconds(90));

        Assert.Equal(new TerminalStatus(7, false, 9, 8, 7, 6, 44, Noon), await store.FindAsync(7));
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task AWillFromTheSessionBeforeAReconnectDoesNotMarkTheNewSessionOffline(string kind)
    {
        await using var database = await TestDatabase.CreateAsync(kind);
        var store = await StoreAsync(database);
        await store.UpsertAsync(new TerminalStatusReport(7, true, 1, 1, 1, 1, 0, Noon));

        await store.MarkOfflineAsync(7, Noon.AddSeconds(-5));

        Assert.True((await store.FindAsync(7))!.ReportedOnline);
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task AWillFromATerminalNeverHeardFromGivesItAnOfflineRow(string kind)
    {
        await using var database = await TestDatabase.CreateAsync(kind);
        var store = await StoreAsync(database);

        await store.MarkOfflineAsync(4_000_000_000, Noon);

        Assert.Equal([new TerminalStatus(4_000_000_000, false, 0, 0, 0, 0, 0, Noon)], await store.ListAsync());
    }

    private static Task<TerminalStatusStore> StoreAsync(TestDatabase database) =>
        Task.FromResult(new TerminalStatusStore(database.DataSource));
}
