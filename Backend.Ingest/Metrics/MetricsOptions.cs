namespace Backend.Ingest.Metrics;

/// <summary>Backend:Metrics: who may scrape /metrics besides a scraper on the same machine.</summary>
public sealed class MetricsOptions
{
    public const string Section = "Backend:Metrics";

    /// <summary>A bearer token a remote Prometheus presents (<c>Authorization: Bearer ...</c>); unset, only loopback may scrape.</summary>
    public string? ScrapeToken { get; set; }
}
