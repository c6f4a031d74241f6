using Terminal.Firmware.Fares;

namespace Backend.Ingest.Fares;

/// <summary>A route of a fare table: a flat fare, or zonal (fare 0, priced by the matrix).</summary>
public sealed record RouteEntry(int RouteId, RoutePricing Pricing, int Fare);

/// <summary>A card type's concession and daily cap (0 = uncapped).</summary>
public sealed record ConcessionEntry(CardType CardType, ConcessionKind Kind, int Value, int DailyCap);

/// <summary>A promotion in force over [From, Until); RouteId 0xFFFF and CardType 0xFF mean all.</summary>
public sealed record PromotionEntry(long From, long Until, int RouteId, int CardType, PromotionKind Kind, int Value);
