namespace Backend.Ingest.Cards;

/// <summary>
/// A replacement done: the old card (now <c>replaced</c>, on the blacklist from <see cref="BlacklistVersion"/>, or
/// null when it was listed already as lost), the cents moved off it, the pending loads that carry them to the new
/// card at its next tap, and the new card with its ledger balance (which grows as each load is written onto it).
/// </summary>
public sealed record CardReplacementAnswer(string OldUid, string Loss, long Moved, IReadOnlyList<long> LoadIds, uint? BlacklistVersion, CardBalance NewCard);
