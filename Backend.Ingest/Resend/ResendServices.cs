using System.Data.Common;
using Backend.Ingest.Downlink;

namespace Backend.Ingest.Resend;

/// <summary>
/// Registers the <see cref="ResendAsker"/> (the status consumer runs it); <c>Backend:Resend:ReaskAfter</c> (default
/// 00:10:00) is how long after an ask a terminal that still has not rewound is asked again at its status.
/// </summary>
public static class ResendServices
{
    public static readonly TimeSpan DefaultReaskAfter = TimeSpan.FromMinutes(10);

    public static IServiceCollection AddResendRequests(this IServiceCollection services, IConfiguration configuration)
    {
        var reaskAfter = configuration.GetValue("Backend:Resend:ReaskAfter", DefaultReaskAfter);
        services.AddSingleton(provider => new ResendAsker(
            provider.GetRequiredService<DbDataSource>(), provider.GetRequiredService<DownlinkSigner>(), provider.GetRequiredService<TimeProvider>(),
            reaskAfter, provider.GetRequiredService<ILogger<ResendAsker>>()));
        return services;
    }
}
