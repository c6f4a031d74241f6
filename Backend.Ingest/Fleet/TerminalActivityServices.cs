using System.Data.Common;
using Backend.Ingest.Api;
using Backend.Ingest.Dashboard;

namespace Backend.Ingest.Fleet;

/// <summary>The fleet pages' <see cref="TerminalActivity"/> (needs the fare API's fleet overview and the dashboard's alarms).</summary>
public static class TerminalActivityServices
{
    public static IServiceCollection AddTerminalActivity(this IServiceCollection services) =>
        services.AddSingleton(provider => new TerminalActivity(
            provider.GetRequiredService<FleetOverview>(), provider.GetRequiredService<FareQueries>(), provider.GetRequiredService<FleetAlarms>(),
            provider.GetRequiredService<DbDataSource>(), provider.GetRequiredService<TimeProvider>()));
}
