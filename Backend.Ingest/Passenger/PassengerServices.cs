using Microsoft.AspNetCore.Authentication;

namespace Backend.Ingest.Passenger;

/// <summary>
/// The passenger's self-service (pages under Web/Pages/Passenger): holder codes, their sign-in with lockout, the
/// passenger session, and the desk's reprint endpoints. Wired in two calls, <see cref="AddPassengerSelfService"/>
/// after <c>AddStaffAccess</c> and <see cref="MapPassengerApi"/>.
/// </summary>
public static class PassengerServices
{
    public static IServiceCollection AddPassengerSelfService(this IServiceCollection services, IConfiguration configuration)
    {
        var section = configuration.GetSection(PassengerOptions.Section);
        services.Configure<PassengerOptions>(section);
        services.AddSingleton<HolderCodes>();
        services.AddSingleton<HolderSignIn>();
        services.AddSingleton<PassengerFormLimiter>();
        services.AddAuthentication().AddPassengerCookie(section.Get<PassengerOptions>() ?? new PassengerOptions());
        return services;
    }

    public static WebApplication MapPassengerApi(this WebApplication app)
    {
        HolderCodeEndpoints.Map(app.MapGroup("/api"));
        return app;
    }
}
