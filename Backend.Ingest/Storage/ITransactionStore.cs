using Terminal.Firmware.Journal;

namespace Backend.Ingest.Storage;

/// <summary>
/// Where journal records land, exactly once: keyed by (terminal, sequence), inserted or ignored, with each
/// terminal's high-water mark, in one database transaction per call, in the tables the schema migrations create (Storage/Schema). An ack may be sent only after the call
/// returns. A store survives its database going away: a call that failed leaves the connection closed and the
/// next call opens a new one.
/// </summary>
public interface ITransactionStore : IAsyncDisposable
{
    /// <summary>Commits a batch already validated by <see cref="BatchCodec.Decode"/> into <paramref name="header"/>.</summary>
    Task<StoredBatch> StoreAsync(BatchHeader header, byte[] payload, int offset, CancellationToken cancellation = default);

    /// <summary>
    /// Group commit: every batch (from any terminals, duplicates of each other included) in ONE transaction; one
    /// result per batch, in order. A record is counted inserted by the first batch of the group that carries it.
    /// </summary>
    Task<IReadOnlyList<StoredBatch>> StoreGroupAsync(IReadOnlyList<BatchToStore> batches, CancellationToken cancellation = default);

    /// <summary>
    /// The database's fastest way in, for the benchmark's baseline: plain inserts of rows known to be new
    /// (PostgreSQL binary COPY; SQLite one transaction, one prepared insert). No duplicate checks, no high-water mark.
    /// </summary>
    Task BulkInsertAsync(IReadOnlyList<TransactionRow> rows, CancellationToken cancellation = default);

    Task<long> CountAsync(uint terminalId, CancellationToken cancellation = default);

    /// <summary>Every stored record of every terminal.</summary>
    Task<long> CountAllAsync(CancellationToken cancellation = default);

    /// <summary>The highest sequence stored for the terminal, or 0.</summary>
    Task<long> HighWaterAsync(uint terminalId, CancellationToken cancellation = default);
}
