namespace Backend.Ingest.Privacy;

/// <summary>The "Backend:Privacy" configuration section (docs/privacy.md).</summary>
public sealed class PrivacyOptions
{
    public const string Section = "Backend:Privacy";

    /// <summary>The privacy key file; empty means <see cref="PrivacyKey.FileName"/> in the data directory.</summary>
    public string? KeyFile { get; set; }

    /// <summary>How often the retention job runs.</summary>
    public TimeSpan RetentionInterval { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Travel records older than this many months are unlinked from cards, QR tokens and accounts.</summary>
    public int TravelRecordMonths { get; set; } = 13;

    /// <summary>A closed account's contact details are erased this many days after it closed.</summary>
    public int ClosedContactDays { get; set; } = 30;
}
