namespace Backend.Ingest.Hosting;

public enum StoreKind
{
    Sqlite,
    Postgres,
}
