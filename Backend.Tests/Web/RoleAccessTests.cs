using System.Net;
using System.Net.Http.Json;
using Backend.Ingest.Identity;
using Backend.Tests.BackOffice;
using Xunit;

namespace Backend.Tests.Web;

/// <summary>
/// Each endpoint group answers only the roles that need it: an anonymous API call gets 401 (a page: a redirect to
/// sign-in), a key whose roles lack the group's policy 403, a key with the role gets past access control.
/// </summary>
public sealed class RoleAccessTests
{
    public static TheoryData<string, string, string, string, string, string> Groups()
    {
        var groups = new (string Group, string Method, string Path, string Allowed, string Lacking)[]
        {
            ("card desk", "GET", "/api/cards/04A1B2C3D4E5F6", StaffRoles.CustomerService, StaffRoles.Finance),
            ("card history", "GET", "/api/cards/04A1B2C3/transactions", StaffRoles.CustomerService, StaffRoles.Operations),
            ("accounts", "GET", "/api/accounts/4000000001", StaffRoles.CustomerService, StaffRoles.Auditor),
            ("refunds", "POST", "/api/cards/04A1B2C3D4E5F6/refund", StaffRoles.Finance, StaffRoles.Operations),
            ("ledger adjustments", "POST", "/api/ledger/adjustments", StaffRoles.Finance, StaffRoles.CustomerService),
            ("the books", "GET", "/api/ledger/trial-balance", StaffRoles.Finance, StaffRoles.Operations),
            ("blacklist", "GET", "/api/blacklist", StaffRoles.Operations, StaffRoles.Finance),
            ("card blocks", "POST", "/api/cards/04A1B2C3D4E5F6/block", StaffRoles.CustomerService, StaffRoles.Auditor),
            ("card replacement", "POST", "/api/cards/04A1B2C3D4E5F6/replacement", StaffRoles.CustomerService, StaffRoles.Finance),
            ("customer-service pages", "GET", "/customer-service", StaffRoles.CustomerService, StaffRoles.Finance),
            ("feedback page", "GET", "/feedback", StaffRoles.CustomerService, StaffRoles.Operations),
            ("fare tables", "GET", "/api/fare-tables", StaffRoles.Operations, StaffRoles.CustomerService),
            ("review queue", "GET", "/api/findings", StaffRoles.Operations, StaffRoles.Finance),
            ("QR tokens", "POST", "/api/accounts/4000000001/qr-tokens", StaffRoles.CustomerService, StaffRoles.Operations),
            ("staff and keys page", "GET", "/staff", StaffRoles.Admin, StaffRoles.Auditor),
            ("audit page", "GET", "/audit", StaffRoles.Auditor, StaffRoles.Finance),
        };
        var data = new TheoryData<string, string, string, string, string, string>();
        foreach (var kind in new[] { "sqlite", "postgres" })
        {
            foreach (var g in groups)
            {
                data.Add(kind, g.Group, g.Method, g.Path, g.Allowed, g.Lacking);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Groups))]
    public async Task OnlyTheRolesThatNeedAGroupGetIn(string kind, string group, string method, string path, string allowed, string lacking)
    {
        await using var backend = await BackOfficeHost.StartAsync(kind);
        using var anonymous = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = backend.Http.BaseAddress };

        using (var response = await anonymous.SendAsync(Request(method, path)))
        {
            if (path.StartsWith("/api/", StringComparison.Ordinal))
            {
                Assert.True(response.StatusCode == HttpStatusCode.Unauthorized, $"{group}: anonymous got {(int)response.StatusCode}");
            }
            else
            {
                Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
                Assert.Equal("/sign-in", response.Headers.Location!.AbsolutePath);
            }
        }

        var without = await backend.ClientAsync($"{group} without {allowed}", [lacking]);
        using (var response = await without.SendAsync(Request(method, path)))
        {
            Assert.True(response.StatusCode == HttpStatusCode.Forbidden, $"{group}: {lacking} got {(int)response.StatusCode}");
        }

        var with = await backend.ClientAsync($"{group} with {allowed}", [allowed]);
        using (var response = await with.SendAsync(Request(method, path)))
        {
            Assert.True(response.StatusCode is not (HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden), $"{group}: {allowed} got {(int)response.StatusCode}");
        }
    }

    private static HttpRequestMessage Request(string method, string path)
    {
        var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (method == "POST")
        {
            request.Headers.Add(Backend.Ingest.Changes.IdempotencyKey.Header, Guid.NewGuid().ToString());
            request.Content = JsonContent.Create(new { reason = "access test" });
        }

        return request;
    }
}
