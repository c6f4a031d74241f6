using System.Net;
using System.Runtime.Versioning;
using System.Security.Cryptography;
using System.Text;
using Backend.Ingest.CustomerService;
using Backend.Ingest.Privacy;
using Backend.Tests.Api;
using Backend.Tests.Cards;
using Backend.Tests.Ledger;
using Microsoft.Extensions.DependencyInjection;
using System.Data.Common;
using Xunit;

namespace Backend.Tests.Privacy;

/// <summary>Contact details at rest: sealed in the row, found by exact value, and the privacy key guarded at start, on both stores.</summary>
public sealed class ContactSealingTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 9, 0, 0, TimeSpan.Zero);

    /// <summary>Who the audit log names for the backend's own privacy changes.</summary>
    internal const string PrivacyActor = "system:privacy";

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task TheRowHoldsNoPlaintextContactAndTheDeskFindsTheAccountByAnExactValueInAnyCaseOrSpacing(string kind)
    {
        await using var database = await TestDatabase.CreateAsync(kind);
        await using var host = await ApiHost.StartAsync(database, Now);
        var opened = await host.Client.PostAsync("/api/accounts",
            new { contactName = "Ana O'Neill", contactEmail = "Ana@Example.org", contactPhone = "+44 20 7946 0000" }, DeskRequests.NewKey());
        Assert.Equal(HttpStatusCode.Created, opened.StatusCode);
        var id = (await opened.JsonAsync()).GetProperty("account").GetProperty("accountId").GetInt64();

        var row = await RawRowAsync(database, id);
        foreach (var plaintext in new[] { "Ana", "O'Neill", "Example", "7946" })
        {
            Assert.DoesNotContain(plaintext, row, StringComparison.OrdinalIgnoreCase);
        }

        var sealedBox = await SealedBoxAsync(database, id);
        Assert.NotNull(sealedBox);
        Assert.DoesNotContain("Neill", Encoding.UTF8.GetString(sealedBox));

        var vault = host.Services.GetRequiredService<ContactVault>();
        var dataSource = host.Services.GetRequiredService<DbDataSource>();
        foreach (var query in new[] { "ana@EXAMPLE.ORG", "+44 2079460000", "  ANA   o'neill " })
        {
            var hits = await CustomerSearch.FindAsync(dataSource, vault, query, CancellationToken.None);
            Assert.Equal([id], hits!.Accounts.Select(account => account.AccountId));
            Assert.Equal("Ana@Example.org", hits.Accounts[0].ContactEmail);
        }

        Assert.Empty((await CustomerSearch.FindAsync(dataSource, vault, "O'Neill", CancellationToken.None))!.Accounts);
        var view = await (await host.Client.GetAsync($"/api/accounts/{id}")).JsonAsync();
        Assert.Equal("Ana O'Neill", view.GetProperty("account").GetProperty("contactName").GetString());
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task AnotherPrivacyKeyThanTheDatabaseWasSealedWithStopsTheStartWithAMessageNamingTheSetting(string kind)
    {
        await using var database = await TestDatabase.CreateAsync(kind);
        long id;
        await using (var first = await ApiHost.StartAsync(database, Now))
        {
            var opened = await first.Client.PostAsync("/api/accounts", new { contactEmail = "rider@example.org" }, DeskRequests.NewKey());
            id = (await opened.JsonAsync()).GetProperty("account").GetProperty("accountId").GetInt64();
        }

        var otherKey = new Dictionary<string, string?> { [TestDatabase.PrivacyKeySetting] = FreshKeyPath() };
        var refused = await Assert.ThrowsAnyAsync<Exception>(() => ApiHost.StartAsync(database, Now, otherKey));
        var message = MessagesOf(refused);
        Assert.Contains("privacy_key_check", message);
        Assert.Contains(TestDatabase.PrivacyKeySetting, message);

        await using var again = await ApiHost.StartAsync(database, Now);
        var view = await (await again.Client.GetAsync($"/api/accounts/{id}")).JsonAsync();
        Assert.Equal("rider@example.org", view.GetProperty("account").GetProperty("contactEmail").GetString());
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    [SupportedOSPlatform("linux")]
    public async Task AKeyFileOthersMayReadIsRefusedAtStart(string kind)
    {
        await using var database = await TestDatabase.CreateAsync(kind);
        var path = FreshKeyPath();
        await File.WriteAllTextAsync(path, Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)) + "\n");
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);

        var refused = await Assert.ThrowsAnyAsync<Exception>(() =>
            ApiHost.StartAsync(database, Now, new Dictionary<string, string?> { [TestDatabase.PrivacyKeySetting] = path }));
        var message = MessagesOf(refused);
        Assert.Contains(path, message);
        Assert.Contains("chmod 600", message);
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task PlaintextContactsFromBeforeSealingAreSealedAtStartAndTheSealingIsAudited(string kind)
    {
        await using var database = await TestDatabase.CreateAsync(kind);
        await database.ExecuteAsync("""
            insert into accounts (account_id, status, contact_name, contact_email, contact_phone, created_at, status_changed_at)
            values (77, 'active', 'Bo Ek', 'bo@example.org', '+46 8 123 456', 0, 0)
            """);

        await using var host = await ApiHost.StartAsync(database, Now);

        var plaintext = await CardDeskTests.ReadAsync(database, "select contact_name, contact_email, contact_phone, contact_email_hash from accounts where account_id = 77");
        Assert.All(plaintext[0][..3], Assert.Null);
        Assert.NotNull(plaintext[0][3]);
        Assert.NotNull(await SealedBoxAsync(database, 77));
        var audit = await CardDeskTests.ReadAsync(database, "select actor, detail from audit_log where action = 'privacy.seal-contacts'");
        Assert.Equal(PrivacyActor, Assert.Single(audit)[0]);
        Assert.Contains("\"accounts\":1", audit[0][1]);
        Assert.DoesNotContain("bo@example.org", audit[0][1]);

        var view = await (await host.Client.GetAsync("/api/accounts/77")).JsonAsync();
        Assert.Equal("bo@example.org", view.GetProperty("account").GetProperty("contactEmail").GetString());
        var hits = await CustomerSearch.FindAsync(host.Services.GetRequiredService<DbDataSource>(), host.Services.GetRequiredService<ContactVault>(), "+4681 23456", CancellationToken.None);
        Assert.Equal([77L], hits!.Accounts.Select(account => account.AccountId));
    }

    private static string FreshKeyPath() => Path.Combine(Directory.CreateTempSubdirectory("busfare-privacy-").FullName, PrivacyKey.FileName);

    private static string MessagesOf(Exception e) => e.InnerException is null ? e.Message : e.Message + " | " + MessagesOf(e.InnerException);

    /// <summary>Every column of the account's row as text, the way someone reading the database file would see it.</summary>
    private static async Task<string> RawRowAsync(TestDatabase database, long id)
    {
        var rows = await CardDeskTests.ReadAsync(database,
            $"select contact_name, contact_email, contact_phone, contact_name_hash, contact_email_hash, contact_phone_hash, status, status_reason from accounts where account_id = {id}");
        Assert.All(rows[0][..3], Assert.Null);
        return string.Join("|", rows[0]);
    }

    internal static async Task<byte[]?> SealedBoxAsync(TestDatabase database, long id)
    {
        await using var command = database.DataSource.CreateCommand($"select contacts_sealed from accounts where account_id = {id}");
        return await command.ExecuteScalarAsync() is byte[] box ? box : null;
    }
}
