using Backend.Ingest.Storage.Schema;

namespace Backend.Ingest.Downlink;

/// <summary>
/// Reads the catalog from the database once the schema is migrated, then every <c>Backend:Downlink:RefreshSeconds</c>
/// (default 1), so a version another backend process published reaches this one's terminals at their next status.
/// While the database is away the planner goes on with what was read last; the outage is logged once.
/// </summary>
public sealed class DownlinkCatalogRefresh(DownlinkCatalog catalog, SchemaReadiness schema, IConfiguration configuration, ILogger<DownlinkCatalogRefresh> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = TimeSpan.FromSeconds(configuration.GetValue("Backend:Downlink:RefreshSeconds", 1.0));
        bool failing = false;
        try
        {
            await schema.WaitAsync(stoppingToken);
            while (true)
            {
                try
                {
                    await catalog.RefreshAsync(stoppingToken);
                    if (failing)
                    {
                        logger.LogInformation("The downlink catalog reads the database again");
                        failing = false;
                    }
                }
                catch (Exception e) when (!stoppingToken.IsCancellationRequested)
                {
                    if (!failing)
                    {
                        logger.LogWarning("Reading the downlink catalog failed; terminals get what was read last until it succeeds: {Reason}", e.Message);
                        failing = true;
                    }
                }

                await Task.Delay(interval, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping: nothing to finish.
        }
    }
}
