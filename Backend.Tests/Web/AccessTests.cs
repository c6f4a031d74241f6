using System.Net;
using System.Net.Http.Headers;
using Backend.Tests.Api;
using Xunit;

namespace Backend.Tests.Web;

/// <summary>The fallback policy: nothing answers without a signed-in staff member or an API key, unless it says it is open.</summary>
public sealed class AccessTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 25, 12, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData("sqlite", "/api/transactions")]
    [InlineData("sqlite", "/api/cards/04A1B2C3/transactions")]
    [InlineData("sqlite", "/api/terminals")]
    [InlineData("postgres", "/api/cards/04A1B2C3/transactions")]
    [InlineData("postgres", "/api/summary")]
    public async Task AnAnonymousApiCallGets401AndNoData(string kind, string path)
    {
        await using var database = await TestDatabase.CreateAsync(kind);
        await using var host = await ApiHost.StartAsync(database, Now);
        using var anonymous = await host.ClientAsync("anonymous", roles: null);

        using var response = await anonymous.GetAsync(path);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("", await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task AWrongOrMalformedApiKeyGets401(string kind)
    {
        await using var database = await TestDatabase.CreateAsync(kind);
        await using var host = await ApiHost.StartAsync(database, Now);
        using var client = await host.ClientAsync("anonymous", roles: null);
        var real = host.Client.DefaultRequestHeaders.Authorization!.Parameter!;

        foreach (var presented in new[] { real[..^2] + "xx", "bfk_0000000000000000_" + real[(real.LastIndexOf('_') + 1)..], "not-a-key", "bfk_" })
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/api/transactions");
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", presented);
            using var response = await client.SendAsync(request);
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
            Assert.Equal("Bearer", response.Headers.WwwAuthenticate.Single().Scheme);
        }

        using var accepted = await host.Client.GetAsync("/api/transactions");
        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
    }

    [Fact]
    public async Task APageWithoutASessionRedirectsToSignInAndTheOpenThingsStayOpen()
    {
        await using var database = await TestDatabase.CreateAsync("sqlite");
        await using var host = await ApiHost.StartAsync(database, Now);
        using var anonymous = await host.ClientAsync("anonymous", roles: null);

        using var page = await anonymous.GetAsync("/");
        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        Assert.Equal("/sign-in", page.Headers.Location!.AbsolutePath);
        Assert.Contains("ReturnUrl=%2F", page.Headers.Location.Query);

        foreach (var open in new[] { "/sign-in", "/style.css", "/app.js" })
        {
            using var response = await anonymous.GetAsync(open);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{open} answered {(int)response.StatusCode}");
        }
    }
}
