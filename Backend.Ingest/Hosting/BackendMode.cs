namespace Backend.Ingest.Hosting;

/// <summary>How the backend runs: with nothing to set up, or against real servers.</summary>
public enum BackendMode
{
    /// <summary>An in-process MQTTnet broker and a SQLite file; one ingest worker (no shared subscriptions).</summary>
    Embedded,

    /// <summary>An external broker (Mosquitto) and PostgreSQL; ingest workers share the load through a shared subscription.</summary>
    Production,
}
