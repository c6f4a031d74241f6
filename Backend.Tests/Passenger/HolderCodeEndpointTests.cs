using System.Net;
using System.Text.Json;
using Backend.Ingest.Identity;
using Backend.Ingest.Passenger;
using Backend.Tests.Api;
using Backend.Tests.BackOffice;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace Backend.Tests.Passenger;

/// <summary>The desk's reprint of a holder code through the API: customer service only, the code the sign-in takes, clear refusals.</summary>
public sealed class HolderCodeEndpointTests
{
    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task CustomerServiceReadsTheCodeOfACardOrAccountOthersAreRefused(string kind)
    {
        await using var backend = await BackOfficeHost.StartAsync(kind);
        await backend.AddCardAsync("04A1B2C3D4E5F6");
        await backend.AddAccountAsync(41);
        var desk = await backend.ClientAsync("desk-9", [StaffRoles.CustomerService]);
        var codes = backend.Services.GetRequiredService<HolderCodes>();

        using (var card = await desk.GetAsync("/api/cards/04a1b2c3d4e5f6/holder-code"))
        {
            Assert.Equal(HttpStatusCode.OK, card.StatusCode);
            using var json = JsonDocument.Parse(await card.Content.ReadAsStringAsync());
            Assert.Equal("card:04A1B2C3D4E5F6", json.RootElement.GetProperty("subject").GetString());
            Assert.Equal(await codes.CodeAsync("card:04A1B2C3D4E5F6", default), json.RootElement.GetProperty("code").GetString());
        }

        using (var account = await desk.GetAsync("/api/accounts/41/holder-code"))
        {
            using var json = JsonDocument.Parse(await account.Content.ReadAsStringAsync());
            Assert.Equal(await codes.CodeAsync("account:41", default), json.RootElement.GetProperty("code").GetString());
        }

        await ProblemAssert.HasDetailAsync(await desk.GetAsync("/api/cards/04A1B2C3D4E5F7/holder-code"), HttpStatusCode.NotFound, "Card 04A1B2C3D4E5F7 is not in the registry");
        await ProblemAssert.HasDetailAsync(await desk.GetAsync("/api/accounts/42/holder-code"), HttpStatusCode.NotFound, "Account 42 does not exist");
        await ProblemAssert.IsValidationProblemAsync(await desk.GetAsync("/api/cards/not-a-card/holder-code"), "uid");
        await ProblemAssert.IsValidationProblemAsync(await desk.GetAsync("/api/accounts/0/holder-code"), "id");

        var fleet = await backend.ClientAsync("ops-1", [StaffRoles.Operations]);
        Assert.Equal(HttpStatusCode.Forbidden, (await fleet.GetAsync("/api/cards/04A1B2C3D4E5F6/holder-code")).StatusCode);
        using var anonymous = new HttpClient { BaseAddress = backend.Http.BaseAddress };
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/cards/04A1B2C3D4E5F6/holder-code")).StatusCode);
    }
}
