using Backend.Ingest.Identity;
using Microsoft.AspNetCore.Mvc.ApplicationParts;
using Microsoft.AspNetCore.Mvc.Razor;

namespace Backend.Ingest.Web;

/// <summary>
/// The back-office web application: server-rendered Razor Pages under Web/Pages with the layout of Web/Shared,
/// wired in two calls, <see cref="AddStaffWeb"/> and <see cref="MapStaffWeb"/> (after <c>UseStaffAccess</c>).
/// Forms carry antiforgery tokens and every POST is checked for one (Razor Pages do this by default).
/// </summary>
public static class StaffWeb
{
    public static IServiceCollection AddStaffWeb(this IServiceCollection services)
    {
        // The pages are compiled into this assembly; a host whose application is another (a test, the emulator) adds them as a part.
        services.AddRazorPages(pages => pages.RootDirectory = "/Web/Pages").ConfigureApplicationPartManager(parts =>
        {
            var assembly = typeof(StaffWeb).Assembly;
            foreach (var part in ApplicationPartFactory.GetApplicationPartFactory(assembly).GetApplicationParts(assembly))
            {
                if (!parts.ApplicationParts.Any(known => known.GetType() == part.GetType() && known.Name == part.Name))
                {
                    parts.ApplicationParts.Add(part);
                }
            }
        });
        services.Configure<RazorViewEngineOptions>(razor => razor.PageViewLocationFormats.Add("/Web/Shared/{0}" + RazorViewEngine.ViewExtension));
        return services;
    }

    public static WebApplication MapStaffWeb(this WebApplication app)
    {
        app.UseStaffAccess();
        app.MapRazorPages();
        return app;
    }
}
