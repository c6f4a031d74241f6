namespace Backend.Ingest.Cards;

/// <summary>A replacement order that passed <see cref="CardReplacements.Validate"/>: UIDs normalized, registration parsed.</summary>
public sealed record ValidatedReplacement(string OldUid, string NewUid, string Loss, string Reason, NewCardRegistration? Registration);

/// <summary>What registering the replacement card with the replacement needs, when it is not in the registry yet.</summary>
public sealed record NewCardRegistration(int KeyVersion, DateOnly ExpiryDay, string IssuedBy);
