using Backend.Ingest.Storage;
using Xunit;

namespace Backend.Tests.Storage;

/// <summary>Exactly-once storage on both stores, against a real SQLite file and the real PostgreSQL.</summary>
public sealed class TransactionStoreTests
{
    private const uint TerminalId = 77;

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task ABatchIsStoredAndItsAckIsItsLastSequence(string kind)
    {
        await using var store = await StoreFactory.CreateAsync(kind);
        var (header, payload) = Batches.Decoded(TerminalId, 1, 40);

        var stored = await store.StoreAsync(header, payload, 0);

        Assert.Equal(new StoredBatch(TerminalId, 40, 0, 40), stored);
        Assert.Equal(40, await store.CountAsync(TerminalId));
        Assert.Equal(40, await store.HighWaterAsync(TerminalId));
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task ADuplicateBatchAddsNothingAndGetsTheSameAck(string kind)
    {
        await using var store = await StoreFactory.CreateAsync(kind);
        var (header, payload) = Batches.Decoded(TerminalId, 1, 25);
        await store.StoreAsync(header, payload, 0);

        var again = await store.StoreAsync(header, payload, 0);

        Assert.Equal(new StoredBatch(TerminalId, 0, 25, 25), again);
        Assert.Equal(25, await store.CountAsync(TerminalId));
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task ReorderedAndOverlappingBatchesStoreEachRecordOnceAndKeepTheHighWaterMark(string kind)
    {
        await using var store = await StoreFactory.CreateAsync(kind);
        var (late, latePayload) = Batches.Decoded(TerminalId, 31, 30);
        var (early, earlyPayload) = Batches.Decoded(TerminalId, 1, 40);

        await store.StoreAsync(late, latePayload, 0);
        var overlap = await store.StoreAsync(early, earlyPayload, 0);

        Assert.Equal(30, overlap.Inserted);
        Assert.Equal(10, overlap.Duplicates);
        Assert.Equal(60, await store.CountAsync(TerminalId));
        Assert.Equal(60, await store.HighWaterAsync(TerminalId));
    }
}
