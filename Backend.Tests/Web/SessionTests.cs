using System.Net;
using Backend.Ingest.Identity;
using Backend.Tests.Api;
using Xunit;

namespace Backend.Tests.Web;

/// <summary>The staff session over the in-memory server, whose clock the test moves: it slides with use and ends when idle.</summary>
public sealed class SessionTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 25, 8, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task ASessionIdleLongerThanItsTimeEndsAndThePageAsksToSignInAgain(string kind)
    {
        await using var database = await TestDatabase.CreateAsync(kind);
        await using var host = await ApiHost.StartAsync(database, Now);
        var password = await StaffUsers.CreateAsync(host.Services, "night-shift", StaffRoles.Operations);
        var browser = new CookieSession(await host.ClientAsync("browser", roles: null));

        using (var signIn = await browser.PostFormAsync("/sign-in", new() { ["UserName"] = "night-shift", ["Password"] = password }))
        {
            Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
            Assert.True(browser.Has("busfare.staff"));
        }

        host.Clock.Now = Now.AddMinutes(20);
        using (var stillIn = await browser.GetAsync("/"))
        {
            Assert.Equal(HttpStatusCode.OK, stillIn.StatusCode);
        }

        host.Clock.Now = Now.AddMinutes(20 + new StaffAccessOptions().SessionMinutes + 1);
        using var expired = await browser.GetAsync("/");
        Assert.Equal(HttpStatusCode.Redirect, expired.StatusCode);
        Assert.Equal("/sign-in", expired.Headers.Location!.AbsolutePath);
        using var api = await browser.GetAsync("/api/terminals");
        Assert.Equal(HttpStatusCode.Unauthorized, api.StatusCode);
    }

    [Fact]
    public async Task AFormPostedWithoutItsAntiforgeryTokenChangesNothing()
    {
        await using var database = await TestDatabase.CreateAsync("sqlite");
        await using var host = await ApiHost.StartAsync(database, Now);
        var password = await StaffUsers.CreateAsync(host.Services, "site-admin", StaffRoles.Admin);
        var browser = new CookieSession(await host.ClientAsync("browser", roles: null));
        using (await browser.PostFormAsync("/sign-in", new() { ["UserName"] = "site-admin", ["Password"] = password }))
        {
        }

        using var forged = await browser.PostFormAsync("/staff?handler=Create",
            new() { ["idempotencyKey"] = "forged-1", ["userName"] = "intruder", ["roles"] = StaffRoles.Admin }, withToken: false);

        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        await using var count = database.DataSource.CreateCommand("select count(*) from staff_users where user_name = 'intruder'");
        Assert.Equal(0L, Convert.ToInt64(await count.ExecuteScalarAsync()));
    }
}
