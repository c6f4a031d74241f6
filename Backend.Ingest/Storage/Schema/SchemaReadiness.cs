namespace Backend.Ingest.Storage.Schema;

/// <summary>
/// Completes once the schema is migrated: the ingest workers wait for it before they subscribe, so no batch is
/// taken from the broker while there is nowhere to put it.
/// </summary>
public sealed class SchemaReadiness
{
    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public bool IsReady => _ready.Task.IsCompleted;

    public Task WaitAsync(CancellationToken cancellation) => _ready.Task.WaitAsync(cancellation);

    internal void Complete() => _ready.TrySetResult();
}
