using Backend.Ingest.Storage;

namespace Backend.Ingest.Reconciliation;

/// <summary>
/// The reconciliation, wired in two calls: <see cref="AddReconciliation"/> (the rules' options from
/// <c>Backend:Reconciliation</c>, validated at start; the engine and its hosted consumer; the review queue) and
/// <see cref="MapReconciliationApi"/>. Needs the store (<c>AddStoreDatabase</c>), the change runner
/// (<c>AddChanges</c>) and the downlink catalog (<c>AddDownlinkPlanner</c>, which <c>AddTerminalStatus</c> registers).
/// </summary>
public static class ReconciliationServices
{
    public static IServiceCollection AddReconciliation(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddStoreDatabase(configuration);
        services.AddOptions<ReconciliationOptions>().Bind(configuration.GetSection(ReconciliationOptions.Section))
            .Validate(options =>
            {
                options.Validate();
                return true;
            })
            .ValidateOnStart();
        services.AddSingleton<ReconciliationReader>();
        services.AddSingleton<CardBlocker>();
        services.AddSingleton<ReconciliationEngine>();
        services.AddSingleton<ReconciliationCounters>();
        services.AddSingleton<FindingQueries>();
        services.AddSingleton<FindingDecider>();
        services.AddHostedService<ReconciliationService>();
        return services;
    }

    public static WebApplication MapReconciliationApi(this WebApplication app)
    {
        FindingApiEndpoints.Map(app.MapGroup("/api").WithTags("Reconciliation"));
        return app;
    }
}
