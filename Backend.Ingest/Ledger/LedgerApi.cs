using System.Data.Common;
using Backend.Ingest.Accounts;
using Backend.Ingest.Cards;
using Backend.Ingest.Privacy;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Backend.Ingest.Ledger;

/// <summary>
/// The back office's system of record for money, wired in two calls: <see cref="AddLedger"/> on the services and
/// <see cref="MapLedgerApi"/> on the application: the card registry (/api/cards), passenger accounts
/// (/api/accounts, with the data subject's export and erasure of Backend.Ingest/Privacy) and the ledger (/api/ledger). Needs the store database and the change runner (AddChanges).
/// </summary>
public static class LedgerApi
{
    public static IServiceCollection AddLedger(this IServiceCollection services, IConfiguration configuration)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.Configure<LedgerOptions>(configuration.GetSection(LedgerOptions.Section));
        services.AddSingleton(provider => new LedgerQueries(provider.GetRequiredService<DbDataSource>()));
        services.AddSingleton<QrCapSettlement>();
        services.AddHostedService<QrSettlementService>();
        services.AddPassengerPrivacy(configuration);
        return services;
    }

    public static WebApplication MapLedgerApi(this WebApplication app)
    {
        var api = app.MapGroup("/api");
        CardEndpoints.Map(api);
        AccountEndpoints.Map(api);
        LedgerEndpoints.Map(api);
        api.MapPrivacyApi();
        return app;
    }
}
