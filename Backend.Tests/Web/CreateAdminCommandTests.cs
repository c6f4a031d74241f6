using Backend.Ingest.Identity;
using Backend.Tests.Api;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Configuration;
using Xunit;

namespace Backend.Tests.Web;

/// <summary><c>create-admin</c>: the first admin, with a one-time password printed once or read from standard input, never a default.</summary>
public sealed class CreateAdminCommandTests
{
    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task ItPrintsAOneTimePasswordThatOnlyItsHashIsKeptOfAndRefusesASecondAdminOfTheSameName(string kind)
    {
        await using var database = await TestDatabase.CreateAsync(kind);
        var output = new StringWriter();

        var exit = Run(database, ["create-admin", "--user", "root-admin"], "", output);

        Assert.Equal(0, exit);
        var password = output.ToString().Split('\n').Single(l => l.StartsWith("one-time password ", StringComparison.Ordinal))["one-time password ".Length..].Trim();
        Assert.True(password.Length >= 24);
        var stored = await Rows(database, "select u.password_hash, u.must_change_password, r.role from staff_users u join staff_user_roles r on r.user_id = u.user_id where u.user_name = 'root-admin'");
        var (hash, mustChange, role) = Assert.Single(stored);
        Assert.DoesNotContain(password, hash);
        Assert.NotEqual(PasswordVerificationResult.Failed, new PasswordHasher<StaffUser>().VerifyHashedPassword(new StaffUser(), hash, password));
        Assert.Equal(("1", StaffRoles.Admin), (mustChange, role));
        Assert.Single(await Rows(database, "select actor, action, subject from audit_log where action = 'staff.create' and subject = 'staff:root-admin' and actor = 'create-admin'"));

        var again = new StringWriter();
        Assert.Equal(1, Run(database, ["create-admin", "--user", "ROOT-admin"], "", again));
        Assert.Contains("exists already", again.ToString());
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task ItTakesThePasswordFromStandardInputWithoutPrintingIt(string kind)
    {
        await using var database = await TestDatabase.CreateAsync(kind);
        var output = new StringWriter();

        Assert.Equal(0, Run(database, ["create-admin", "--user", "ops-lead", "--password-stdin"], "correct horse battery\n", output));

        Assert.DoesNotContain("correct horse battery", output.ToString());
        var (hash, _, _) = Assert.Single(await Rows(database, "select u.password_hash, u.must_change_password, u.user_name from staff_users u"));
        Assert.NotEqual(PasswordVerificationResult.Failed, new PasswordHasher<StaffUser>().VerifyHashedPassword(new StaffUser(), hash, "correct horse battery"));
    }

    [Theory]
    [InlineData("--password-stdin", "short\n", 2, "at least 12")]
    [InlineData("", "", 2, "usage")]
    [InlineData("--user", "", 2, "usage")]
    [InlineData("--user bad/name", "", 2, "usage")]
    public async Task BadInputIsRefusedAndCreatesNobody(string arguments, string stdin, int expectedExit, string expectedText)
    {
        await using var database = await TestDatabase.CreateAsync("sqlite");
        var args = arguments == "--password-stdin" ? ["create-admin", "--user", "someone", "--password-stdin"] : new[] { "create-admin" }.Concat(arguments.Split(' ', StringSplitOptions.RemoveEmptyEntries)).ToArray();
        var output = new StringWriter();

        Assert.Equal(expectedExit, Run(database, args, stdin, output));

        Assert.Contains(expectedText, output.ToString());
        Assert.Empty(await Rows(database, "select user_name, user_name, user_name from staff_users"));
    }

    private static int Run(TestDatabase database, string[] args, string stdin, TextWriter output)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(database.Configuration).Build();
        return CreateAdminCommand.Run(args, configuration, Directory.CreateTempSubdirectory("busfare-create-admin-").FullName, new StringReader(stdin), output);
    }

    private static async Task<List<(string, string, string)>> Rows(TestDatabase database, string sql)
    {
        await using var command = database.DataSource.CreateCommand(sql);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<(string, string, string)>();
        while (await reader.ReadAsync())
        {
            rows.Add((Convert.ToString(reader.GetValue(0))!, Convert.ToString(reader.GetValue(1))!, Convert.ToString(reader.GetValue(2))!));
        }

        return rows;
    }
}
