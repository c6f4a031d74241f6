using Backend.Ingest.Storage.Schema;
using Microsoft.Extensions.Options;

namespace Backend.Ingest.Privacy;

/// <summary>Runs <see cref="RetentionSweep"/> every <see cref="PrivacyOptions.RetentionInterval"/>, once the schema is migrated.</summary>
internal sealed class RetentionService(
    RetentionSweep sweep, SchemaReadiness schema, IOptions<PrivacyOptions> options, TimeProvider clock, ILogger<RetentionService> log)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await schema.WaitAsync(stoppingToken);
        using var timer = new PeriodicTimer(options.Value.RetentionInterval, clock);
        do
        {
            try
            {
                var outcome = await sweep.RunAsync(stoppingToken);
                if (outcome.TripsUnlinked + outcome.QrTokensDeleted + outcome.ContactsErased > 0)
                {
                    log.LogInformation("Retention: {Outcome}", outcome);
                }
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                log.LogWarning(e, "Retention pass failed; the next pass covers it again");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
