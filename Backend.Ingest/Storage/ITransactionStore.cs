using Terminal.Firmware.Journal;

namespace Backend.Ingest.Storage;

/// <summary>
/// Where journal records land, exactly once: keyed by (terminal, sequence), inserted or ignored, in one database
/// transaction per batch, with the terminal's high-water mark. The ack may be sent only after this returns.
/// </summary>
public interface ITransactionStore : IAsyncDisposable
{
    Task InitializeAsync(CancellationToken cancellation = default);

    /// <summary>Commits a batch already validated by <see cref="BatchCodec.Decode"/> into <paramref name="header"/>.</summary>
    Task<StoredBatch> StoreAsync(BatchHeader header, byte[] payload, int offset, CancellationToken cancellation = default);

    Task<long> CountAsync(uint terminalId, CancellationToken cancellation = default);

    /// <summary>The highest sequence stored for the terminal, or 0.</summary>
    Task<long> HighWaterAsync(uint terminalId, CancellationToken cancellation = default);
}
