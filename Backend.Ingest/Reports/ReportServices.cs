using System.Data.Common;
using Backend.Ingest.Identity;

namespace Backend.Ingest.Reports;

/// <summary>
/// The reports over the store's database: <see cref="AddReports"/> on the services, <see cref="MapReportsApi"/> on the
/// application; for the roles that read reports (<see cref="StaffPolicies.ReadReports"/>).
/// </summary>
public static class ReportServices
{
    public static IServiceCollection AddReports(this IServiceCollection services)
    {
        services.AddSingleton(provider => new ReportQueries(provider.GetRequiredService<DbDataSource>()));
        return services;
    }

    public static WebApplication MapReportsApi(this WebApplication app)
    {
        ReportEndpoints.Map(app.MapGroup("/api").RequireAuthorization(StaffPolicies.ReadReports));
        return app;
    }
}
