using System.Data.Common;
using Backend.Ingest.Fleet;
using Backend.Ingest.Privacy;
using Backend.Ingest.Storage;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Backend.Ingest.Api;

/// <summary>
/// The backend's read side, wired by the host in two calls: <see cref="AddFareApi"/> on the services and
/// <see cref="MapFareApi"/> on the built application. Together they serve the REST API under /api, its OpenAPI
/// document at /openapi/v1.json and the web application's static files, over the database that <c>Backend:Store</c> names.
/// </summary>
public static class FareApi
{
    /// <summary>
    /// Registers the API, the OpenAPI document, and the <see cref="TerminalStatusStore"/> (a singleton the status
    /// consumer resolves to record reports), over the database of <c>AddStoreDatabase</c> (registered here unless the host did).
    /// </summary>
    public static IServiceCollection AddFareApi(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddStoreDatabase(configuration);
        services.AddOpenApi();
        services.AddProblemDetails();
        services.TryAddSingleton(TimeProvider.System);
        services.Configure<FleetOptions>(configuration.GetSection(FleetOptions.Section));
        services.AddSingleton(provider => new TerminalStatusStore(provider.GetRequiredService<DbDataSource>()));
        services.AddSingleton(provider => new FareQueries(provider.GetRequiredService<DbDataSource>()));
        services.AddSingleton<FleetOverview>();
        services.AddPrivacyKey(configuration);
        services.AddSingleton<WebPageFileProvider>();
        return services;
    }

    /// <summary>
    /// Serves the web application's script and style (from the assembly, whatever the content root; open to all, as
    /// they hold nothing secret), the API and its OpenAPI document.
    /// </summary>
    public static WebApplication MapFareApi(this WebApplication app)
    {
        var page = app.Services.GetRequiredService<WebPageFileProvider>();
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
