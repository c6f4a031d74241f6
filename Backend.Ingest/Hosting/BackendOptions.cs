namespace Backend.Ingest.Hosting;

/// <summary>The "Backend" configuration section (appsettings.json, BACKEND__... environment variables, --Backend:... arguments).</summary>
public sealed class BackendOptions
{
    public const string Section = "Backend";

    public BackendMode Mode { get; set; } = BackendMode.Embedded;

    public StoreOptions Store { get; set; } = new();

    public BrokerOptions Broker { get; set; } = new();

    public IngestOptions Ingest { get; set; } = new();
}
