namespace Backend.Ingest.Cards;

/// <summary>Links a card to a passenger account.</summary>
public sealed record CardAccountLink(long? AccountId);
