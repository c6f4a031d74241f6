using System.Data.Common;
using Backend.Ingest.Fleet;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Backend.Ingest.Api;

/// <summary>
/// The backend's read side, wired by the host in two calls: <see cref="AddFareApi"/> on the services and
/// <see cref="MapFareApi"/> on the built application. Together they serve the REST API under /api, its OpenAPI
/// document at /openapi/v1.json and the operator page at /, over the store that <c>Backend:Store</c> names.
/// </summary>
public static class FareApi
{
    private const string DataSourceKey = "fare-api";

    /// <summary>
    /// Registers the API, the OpenAPI document, and the <see cref="TerminalStatusStore"/> (a singleton the status
    /// consumer resolves to record reports; its table is created when the host starts).
    /// </summary>
    public static IServiceCollection AddFareApi(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOpenApi();
        services.AddProblemDetails();
        services.TryAddSingleton(TimeProvider.System);
        services.Configure<FleetOptions>(configuration.GetSection(FleetOptions.Section));
        services.AddKeyedSingleton<DbDataSource>(DataSourceKey, (provider, _) =>
            FareDataSource.Create(configuration, provider.GetRequiredService<IHostEnvironment>().ContentRootPath));
        services.AddSingleton(provider => new TerminalStatusStore(provider.GetRequiredKeyedService<DbDataSource>(DataSourceKey)));
        services.AddSingleton(provider => new FareQueries(provider.GetRequiredKeyedService<DbDataSource>(DataSourceKey)));
        services.AddSingleton<FleetOverview>();
        services.AddSingleton<WebPageFileProvider>();
        services.AddHostedService<TerminalStatusSchema>();
        return services;
    }

    /// <summary>Serves the operator page (from the assembly, whatever the content root), the API and its OpenAPI document.</summary>
    public static WebApplication MapFareApi(this WebApplication app)
    {
        var page = app.Services.GetRequiredService<WebPageFileProvider>();
        app.UseDefaultFiles(new DefaultFilesOptions { FileProvider = page });
        app.UseStaticFiles(new StaticFileOptions
        {
            FileProvider = page,
            // Revalidate every load: an upgraded backend must not leave operators on an old script.
            OnPrepareResponse = context => context.Context.Response.Headers.CacheControl = "no-cache",
        });
        app.MapOpenApi();
        FareApiEndpoints.Map(app.MapGroup("/api").WithTags("Fares"));
        return app;
    }
}
