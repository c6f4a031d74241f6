using Backend.Ingest.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace Backend.Tests.Web;

/// <summary>API keys for the tests' HTTP clients, issued by the backend under test as an admin would issue them.</summary>
internal static class StaffKeys
{
    /// <summary>The name of the key the test hosts' default clients send: the actor their changes are audited under.</summary>
    public const string DeskName = "desk-7";

    /// <summary>A key named <paramref name="name"/> with <paramref name="roles"/> (every role when null).</summary>
    public static Task<IssuedApiKey> IssueAsync(IServiceProvider services, string name, IReadOnlyList<string>? roles = null) =>
        services.GetRequiredService<ApiKeys>().IssueInternalAsync(name, roles ?? StaffRoles.All, "test-setup", CancellationToken.None);

    /// <summary>A client of the backend at <paramref name="address"/> sending a new key named <paramref name="name"/>.</summary>
    public static async Task<HttpClient> ClientAsync(IServiceProvider services, Uri address, string name, IReadOnlyList<string>? roles = null) =>
        (await IssueAsync(services, name, roles)).Authorize(new HttpClient { BaseAddress = address });
}
