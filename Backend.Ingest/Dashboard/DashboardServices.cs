using Backend.Ingest.Api;
using Backend.Ingest.Broker;
using Backend.Ingest.Reports;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Backend.Ingest.Dashboard;

/// <summary>The dashboard's data (needs the reports and the fare API's fleet overview): <see cref="AddDashboard"/>, <see cref="MapDashboardApi"/>.</summary>
public static class DashboardServices
{
    public static IServiceCollection AddDashboard(this IServiceCollection services, IConfiguration configuration)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.Configure<DashboardOptions>(configuration.GetSection(DashboardOptions.Section));
        services.TryAddSingleton<BrokerCounters>();
        services.AddSingleton<FleetAlarms>();
        services.AddSingleton(provider => new DashboardQueries(
            provider.GetRequiredService<ReportQueries>(), provider.GetRequiredService<FleetOverview>(),
            provider.GetRequiredService<FleetAlarms>(), provider.GetRequiredService<TimeProvider>()));
        return services;
    }

    public static WebApplication MapDashboardApi(this WebApplication app)
    {
        app.MapGet("/api/dashboard", async (DashboardQueries dashboard, CancellationToken cancellation) => TypedResults.Ok(await dashboard.TodayAsync(cancellation)))
            .WithTags("Dashboard")
            .WithName("GetDashboard")
            .WithSummary("Today (UTC): revenue, boardings by hour, revenue by route, payment mix, terminals online and offline, alarms");
        return app;
    }
}
