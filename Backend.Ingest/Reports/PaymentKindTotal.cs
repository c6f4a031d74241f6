namespace Backend.Ingest.Reports;

/// <summary>
/// The money of one way of paying over a range, from the ledger: <c>card</c> (fares from card value, less abandoned
/// writes), <c>qr</c> (fares from account value, less cap refunds) and <c>top-ups</c> (value loaded onto cards and
/// accounts at desks, terminals and payment platforms). Transfers counted, cents summed.
/// </summary>
public sealed record PaymentKindTotal(string Kind, long Transfers, long AmountCents);
