namespace Backend.Ingest.Changes;

/// <summary>
/// What a change answers: an HTTP status and a JSON body. Only a success (2xx) is committed and remembered under
/// its idempotency key; a refusal rolls the transaction back, so the client may correct it and retry with the same key.
/// </summary>
public sealed record ChangeResult(int Status, object Body)
{
    public bool Succeeded => Status is >= 200 and < 300;
}
