namespace Backend.Ingest.Ledger;

/// <summary>Backend:Ledger: limits the desk works within, and how often QR rides are settled.</summary>
public sealed class LedgerOptions
{
    public const string Section = "Backend:Ledger";

    /// <summary>The most one load (issue, desk top-up, account top-up) may add, in cents: a typo guard, not a business limit.</summary>
    public long MaxLoad { get; set; } = 50_000;

    /// <summary>Seconds between two passes of the QR settlement (refunds above the daily cap).</summary>
    public int SettleSeconds { get; set; } = 10;
}
