using Backend.Ingest.Changes;
using Backend.Ingest.Hosting;
using Backend.Ingest.Storage;
using Backend.Ingest.Storage.Schema;
using Microsoft.AspNetCore.Identity;

namespace Backend.Ingest.Identity;

/// <summary>
/// <c>create-admin --user NAME [--password-stdin]</c>: creates the first (or another) admin on the configured
/// database, migrating it first. The password is one-time: generated and printed once, or read from the first line
/// of standard input; the first sign-in with it leads to choosing a new one. There is no default password.
/// </summary>
public static class CreateAdminCommand
{
    public const string Name = "create-admin";

    private const string Usage = "usage: create-admin --user <name> [--password-stdin]";

    public static int Run(string[] args, IConfiguration configuration, string contentRoot, TextReader input, TextWriter output)
    {
        if (!TryParse(args.AsSpan(1), out var userName, out var fromStdin))
        {
            output.WriteLine(Usage);
            return 2;
        }

        string? password = null;
        if (fromStdin)
        {
            password = input.ReadLine()?.Trim();
            if (password is not { Length: >= StaffAccessOptions.MinPasswordLength })
            {
                output.WriteLine($"create-admin: the password read from standard input must be at least {StaffAccessOptions.MinPasswordLength} characters");
                return 2;
            }
        }

        var database = StoreDatabase.FromOptions(Hosting.StoreOptions.Read(configuration), configuration, contentRoot);
        SchemaMigrator.Migrate(database);
        using var dataSource = database.CreateDataSource();
        var accounts = new StaffAccounts(new ChangeRunner(dataSource, TimeProvider.System), new PasswordHasher<StaffUser>(), new UpperInvariantLookupNormalizer());
        var request = ChangeRequests.Internal("staff.create", Name, new { userName, roles = new[] { StaffRoles.Admin } });
        var (outcome, oneTimePassword) = accounts.CreateAsync(request, userName, [StaffRoles.Admin], password, CancellationToken.None).GetAwaiter().GetResult();
        if (oneTimePassword is null)
        {
            output.WriteLine($"create-admin: {outcome.Body}");
            return 1;
        }

        output.WriteLine($"user {userName}");
        if (!fromStdin)
        {
            output.WriteLine($"one-time password {oneTimePassword}");
        }

        output.WriteLine("(one-time: the first sign-in asks for a new password; only its hash is kept)");
        return 0;
    }

    private static bool TryParse(ReadOnlySpan<string> args, out string userName, out bool fromStdin)
    {
        userName = "";
        fromStdin = false;
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--user" when i + 1 < args.Length && userName.Length == 0:
                    userName = args[++i].Trim();
                    break;
                case "--password-stdin" when !fromStdin:
                    fromStdin = true;
                    break;
                default:
                    return false;
            }
        }

        return userName.Length is > 0 and <= 64 && userName.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '.' or '_' or '@');
    }
}
