using System.Net;
using Backend.Ingest.Passenger;
using Backend.Tests.Api;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using Xunit;

namespace Backend.Tests.Passenger;

/// <summary>
/// The holder code and its lockout on both databases: the secret is drawn once and survives a new backend, wrong codes
/// lock a number after N whether it exists or not, the lock holds against the right code, and each address is limited.
/// </summary>
public sealed class HolderSignInTests
{
    private const string Card = "card:04A1B2C3";
    private static readonly DateTimeOffset Noon = new(2026, 12, 3, 12, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task TheCodeIsDerivedFromOneSecretDrawnOnceAndKeptAcrossRestarts(string kind)
    {
        await using var database = await TestDatabase.CreateAsync(kind);
        var clock = new TestClock(Noon);

        var first = await new HolderCodes(database.DataSource, clock).CodeAsync(Card, default);
        var afterRestart = await new HolderCodes(database.DataSource, clock).CodeAsync(Card, default);
        var other = await new HolderCodes(database.DataSource, clock).CodeAsync("card:04A1B2C4", default);

        Assert.Matches("^[0-9]{5} [0-9]{5}$", first);
        Assert.NotNull(HolderCodes.Normalize(first));
        Assert.Equal(first, afterRestart);
        Assert.NotEqual(first, other);
        Assert.Equal(1, await ScalarAsync(database, "select count(*) from passenger_secrets"));
        await using var elsewhere = await TestDatabase.CreateAsync(kind);
        Assert.NotEqual(first, await new HolderCodes(elsewhere.DataSource, clock).CodeAsync(Card, default));
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task WrongCodesLockTheNumberAfterTheLimitAndTheRightCodeIsRefusedUntilTheLockEnds(string kind)
    {
        await using var database = await TestDatabase.CreateAsync(kind);
        var clock = new TestClock(Noon);
        var codes = new HolderCodes(database.DataSource, clock);
        using var signIn = SignIn(database, codes, clock, maxWrong: 3, perMinute: 100);
        var right = await codes.CodeAsync(Card, default);
        var wrong = PassengerBrowser.WrongCodeFor(right);

        Assert.Equal(HolderCheck.Refused, await signIn.CheckAsync(Client(), Card, wrong, default));
        Assert.Equal(HolderCheck.Refused, await signIn.CheckAsync(Client(), Card, wrong, default));
        Assert.Equal(HolderCheck.LockedOut, await signIn.CheckAsync(Client(), Card, wrong, default));
        Assert.Equal(HolderCheck.LockedOut, await signIn.CheckAsync(Client(), Card, right, default));
        Assert.Equal(HolderCheck.Malformed, await signIn.CheckAsync(Client(), Card, right[..^1] + (char)('0' + ((right[^1] - '0' + 1) % 10)), default));
        Assert.Equal(3, await ScalarAsync(database, "select failures from holder_code_failures where subject = 'card:04A1B2C3'"));

        clock.Now = Noon.AddMinutes(15).AddSeconds(1);
        Assert.Equal(HolderCheck.LockedOut, await signIn.CheckAsync(Client(), Card, wrong, default));
        clock.Now = Noon.AddMinutes(31);
        Assert.Equal(HolderCheck.Accepted, await signIn.CheckAsync(Client(), Card, right, default));
        Assert.Equal(0, await ScalarAsync(database, "select count(*) from holder_code_failures"));
        Assert.Equal(HolderCheck.Refused, await signIn.CheckAsync(Client(), Card, wrong, default));
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task ANumberThatDoesNotExistGetsTheSameAnswersAsOneThatDoes(string kind)
    {
        await using var database = await TestDatabase.CreateAsync(kind);
        await using (var card = database.DataSource.CreateCommand("""
            insert into cards (uid, card_type, key_version, expiry_day, status, issued_at, issued_by, status_changed_at)
            values ('04A1B2C3', 0, 1, 25000, 'active', 0, 'desk-1', 0)
            """))
        {
            await card.ExecuteNonQueryAsync();
        }

        var clock = new TestClock(Noon);
        var codes = new HolderCodes(database.DataSource, clock);
        using var signIn = SignIn(database, codes, clock, maxWrong: 2, perMinute: 100);

        async Task<HolderCheck[]> GuessTwiceAsync(string subject)
        {
            var wrong = PassengerBrowser.WrongCodeFor(await codes.CodeAsync(subject, default));
            return [await signIn.CheckAsync(Client(), subject, wrong, default), await signIn.CheckAsync(Client(), subject, wrong, default)];
        }

        Assert.Equal(await GuessTwiceAsync(Card), await GuessTwiceAsync("card:0000000000000099"));
        Assert.Equal([HolderCheck.Refused, HolderCheck.LockedOut], await GuessTwiceAsync("account:77"));
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task OneAddressMayTryOnlySoManyNumbersAMinute(string kind)
    {
        await using var database = await TestDatabase.CreateAsync(kind);
        var clock = new TestClock(Noon);
        using var signIn = SignIn(database, new HolderCodes(database.DataSource, clock), clock, maxWrong: 5, perMinute: 3);

        for (var card = 0; card < 3; card++)
        {
            Assert.Equal(HolderCheck.Refused, await signIn.CheckAsync(Client("198.51.100.7"), $"card:0000000{card}", "0000000000", default));
        }

        Assert.Equal(HolderCheck.TooManyTries, await signIn.CheckAsync(Client("198.51.100.7"), "card:00000009", "0000000000", default));
        Assert.Equal(HolderCheck.Refused, await signIn.CheckAsync(Client("198.51.100.8"), "card:00000009", "0000000000", default));
        Assert.Equal(0, await ScalarAsync(database, "select count(*) from holder_code_failures where subject = 'card:00000009' and failures > 1"));
    }

    private static HolderSignIn SignIn(TestDatabase database, HolderCodes codes, TimeProvider clock, int maxWrong, int perMinute) =>
        new(database.DataSource, codes, clock, Options.Create(new PassengerOptions { MaxWrongCodes = maxWrong, LockoutMinutes = 15, SignInsPerMinute = perMinute }));

    private static DefaultHttpContext Client(string address = "192.0.2.1")
    {
        var http = new DefaultHttpContext();
        http.Connection.RemoteIpAddress = IPAddress.Parse(address);
        return http;
    }

    private static async Task<long> ScalarAsync(TestDatabase database, string sql)
    {
        await using var command = database.DataSource.CreateCommand(sql);
        return Convert.ToInt64(await command.ExecuteScalarAsync());
    }
}
