namespace Backend.Ingest.Changes;

/// <summary>
/// A request that changes the system of record: the client's idempotency key (the <c>Idempotency-Key</c> header),
/// what it does (<see cref="Operation"/>, e.g. <c>card.load</c>), who asks, and a fingerprint of everything it
/// asks for (route values and body, normalised), so that the same key sent with other content is caught.
/// </summary>
public sealed record ChangeRequest(string IdempotencyKey, string Operation, string Actor, string Fingerprint);
