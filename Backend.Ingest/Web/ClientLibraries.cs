using Microsoft.Extensions.Primitives;

namespace Backend.Ingest.Web;

/// <summary>
/// Serves the browser libraries the build embedded from npm (Backend.Ingest.csproj, RestoreClientLibraries) under
/// <c>/lib/{file}</c>, e.g. <c>/lib/chart.umd.min.js</c>. They are public code, open to anyone like the style sheet,
/// and never change while the process runs.
/// </summary>
public static class ClientLibraries
{
    private const string Prefix = "ClientLibraries/";

    public static readonly IReadOnlyList<string> Files = typeof(ClientLibraries).Assembly.GetManifestResourceNames()
        .Where(name => name.StartsWith(Prefix, StringComparison.Ordinal))
        .Select(name => name[Prefix.Length..])
        .ToArray();

    /// <summary>Call before authentication and authorization, as static files are: the libraries need no sign-in.</summary>
    public static WebApplication UseClientLibraries(this WebApplication app)
    {
        app.Use(async (context, next) =>
        {
            var path = context.Request.Path.Value;
            if (path is null || !path.StartsWith("/lib/", StringComparison.Ordinal) || !Files.Contains(path[5..]))
            {
                await next(context);
                return;
            }

            await using var library = typeof(ClientLibraries).Assembly.GetManifestResourceStream(Prefix + path[5..])!;
            context.Response.ContentType = "text/javascript; charset=utf-8";
            context.Response.Headers.CacheControl = new StringValues("public, max-age=86400");
            await library.CopyToAsync(context.Response.Body, context.RequestAborted);
        });
        return app;
    }
}
