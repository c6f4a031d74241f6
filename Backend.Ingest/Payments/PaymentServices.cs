using Backend.Ingest.Payments.Sandbox;
using Backend.Ingest.Payments.Stripe;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Backend.Ingest.Payments;

/// <summary>
/// Online top-ups, wired in two calls: <see cref="AddPayments"/> (the provider of Backend:Payments:Provider, the
/// webhook rules, the refund pass) and <see cref="MapPaymentsApi"/> (/api/payments, and the sandbox's own pages when
/// it is the provider). Needs the store database, the change runner (AddChanges) and the ledger.
/// </summary>
public static class PaymentServices
{
    public static IServiceCollection AddPayments(this IServiceCollection services, IConfiguration configuration)
    {
        services.TryAddSingleton(TimeProvider.System);
        var section = configuration.GetSection(PaymentOptions.Section);
        services.Configure<PaymentOptions>(section);
        var provider = section.Get<PaymentOptions>()?.Provider ?? PaymentOptions.SandboxProviderName;
        switch (provider)
        {
            case PaymentOptions.SandboxProviderName:
                services.AddSingleton<SandboxWebhookDelivery>();
                services.AddHostedService(s => s.GetRequiredService<SandboxWebhookDelivery>());
                services.AddSingleton<SandboxPaymentProvider>();
                services.AddSingleton<IPaymentProvider>(s => s.GetRequiredService<SandboxPaymentProvider>());
                break;
            case PaymentOptions.StripeProviderName:
                services.AddSingleton<IPaymentProvider, StripePaymentProvider>();
                break;
            default:
                throw new InvalidOperationException(
                    $"Backend:Payments:Provider '{provider}' is not a payment provider: use {PaymentOptions.SandboxProviderName} or {PaymentOptions.StripeProviderName}.");
        }

        services.AddSingleton<PaymentCounters>();
        services.AddSingleton<PassengerTopUpLimiter>();
        services.AddSingleton<TopUpCheckout>();
        services.AddSingleton<PaymentWebhooks>();
        services.AddSingleton<PaymentRefundService>();
        services.AddHostedService(s => s.GetRequiredService<PaymentRefundService>());
        return services;
    }

    public static WebApplication MapPaymentsApi(this WebApplication app)
    {
        PaymentEndpoints.Map(app.MapGroup("/api"));
        if (app.Services.GetRequiredService<IOptions<PaymentOptions>>().Value.Provider == PaymentOptions.SandboxProviderName)
        {
            SandboxCheckoutEndpoints.Map(app);
        }

        return app;
    }
}
