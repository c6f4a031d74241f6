using System.ComponentModel;
using System.Data.Common;
using System.Text.Json;
using Backend.Ingest.Cards;
using Backend.Ingest.Changes;
using Backend.Ingest.Ledger;
using Backend.Ingest.Privacy;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using Backend.Ingest.Identity;

namespace Backend.Ingest.Accounts;

/// <summary>
/// Passenger accounts under /api/accounts: open one (the backend draws its pseudonymous id), read it with its
/// balance and cards, and top up its prepaid QR balance at the desk. Changes run through <see cref="ChangeRunner"/>.
/// </summary>
internal static class AccountEndpoints
{
    private const int MaxContactLength = 200;

    public static void Map(RouteGroupBuilder api)
    {
        var accounts = api.MapGroup("/accounts").WithTags("Accounts").RequireAuthorization(StaffPolicies.ServeCustomers);
        accounts.MapPost("", Open)
            .WithName("OpenAccount")
            .WithSummary("Opens a passenger account under a new pseudonymous id (Idempotency-Key required)")
            .Produces<AccountBalance>(StatusCodes.Status201Created)
            .ProducesValidationProblem();
        accounts.MapGet("/{id}", Get)
            .WithName("GetAccount")
            .WithSummary("An account: status, prepaid balance from the ledger, linked cards, latest transfers")
            .Produces<AccountView>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);
        accounts.MapPost("/{id}/loads", Load)
            .WithName("LoadAccount")
            .WithSummary("Tops up an active account's prepaid QR balance at the desk (Idempotency-Key required)")
            .Produces<AccountBalance>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
    }

    private static async Task<IResult> Open(HttpContext http, ChangeRunner runner, ContactVault vault, [FromBody] AccountOpening? body, CancellationToken cancellation)
    {
        var opening = body ?? new AccountOpening(null, null, null);
        var errors = new Dictionary<string, string[]>();
        CheckContact("contactName", opening.ContactName, errors);
        CheckContact("contactPhone", opening.ContactPhone, errors);
        CheckContact("contactEmail", opening.ContactEmail, errors);
        if (opening.ContactEmail is { } email && !errors.ContainsKey("contactEmail") && !LooksLikeEmail(email))
        {
            errors["contactEmail"] = [$"contactEmail '{email}' is not an e-mail address."];
        }

        if (errors.Count > 0)
        {
            return DeskChange.Invalid(errors, "The account is not valid.");
        }

        if (DeskChange.Request(http, "account.open", "", opening) is not { } request)
        {
            return DeskChange.MissingKey();
        }

        var outcome = await runner.RunAsync(request, async change =>
        {
            var id = await AccountRegistry.OpenAsync(change, vault, opening, cancellation);
            // Contact details are personal data: the audit row records that they were given, not what they are.
            await change.AuditAsync("account.open", LedgerAccounts.Account(id), null, JsonSerializer.Serialize(new
            {
                contactName = opening.ContactName is not null,
                contactEmail = opening.ContactEmail is not null,
                contactPhone = opening.ContactPhone is not null,
            }), cancellation);
            return new ChangeResult(StatusCodes.Status201Created, await BalanceOfAsync(change, vault, id, cancellation));
        }, cancellation);
        return outcome.ToHttpResult(http);
    }

    private static async Task<IResult> Get(
        DbDataSource dataSource, ContactVault vault, LedgerQueries ledger,
        [Description("The account id, 1 to 4294967295.")] string id, CancellationToken cancellation)
    {
        if (!TryParseId(id, out var accountId))
        {
            return InvalidId(id);
        }

        await using var connection = await dataSource.OpenConnectionAsync(cancellation);
        if (await AccountRegistry.FindAsync(connection, null, vault, accountId, cancellation) is not { } account)
        {
            return TypedResults.Problem(title: "Unknown account.", detail: $"Account {accountId} does not exist.", statusCode: StatusCodes.Status404NotFound);
        }

        var code = LedgerAccounts.Account(accountId);
        return TypedResults.Ok(new AccountView(
            account,
            await LedgerQueries.BalanceAsync(connection, null, code, cancellation),
            await CardRegistry.OfAccountAsync(dataSource, accountId, cancellation),
            await ledger.TransfersAsync(code, LedgerQueries.RecentTransfers, cancellation)));
    }

    private static async Task<IResult> Load(
        HttpContext http, ChangeRunner runner, ContactVault vault, IOptions<LedgerOptions> options,
        [Description("The account id, 1 to 4294967295.")] string id,
        [FromBody] DeskLoad? body, CancellationToken cancellation)
    {
        var errors = new Dictionary<string, string[]>();
        if (!TryParseId(id, out var accountId))
        {
            errors["id"] = [IdRule(id)];
        }

        LoadRules.CheckAmount("amount", body?.Amount, options.Value.MaxLoad, errors);
        var clearing = LoadRules.Clearing(body?.PaidBy, errors);
        if (errors.Count > 0)
        {
            return DeskChange.Invalid(errors, "The account load is not valid.");
        }

        var amount = body!.Amount!.Value;
        if (DeskChange.Request(http, "account.load", accountId.ToString(), new { amount, clearing }) is not { } request)
        {
            return DeskChange.MissingKey();
        }

        var outcome = await runner.RunAsync(request, async change =>
        {
            if (await AccountRegistry.LockAsync(change, accountId, cancellation) is not { } status)
            {
                return DeskChange.NotFound("Unknown account.", $"Account {accountId} does not exist: open it with POST /api/accounts.");
            }

            if (status != AccountRegistry.Active)
            {
                return DeskChange.Conflict("The account is not active.", $"Account {accountId} is {status}: only an active account can be loaded.");
            }

            await LedgerTransferWriter.PostAsync(change, new LedgerPosting("load", clearing!, LedgerAccounts.Account(accountId), amount), 0, cancellation);
            await change.AuditAsync("account.load", LedgerAccounts.Account(accountId), null, JsonSerializer.Serialize(new { amount, clearing }), cancellation);
            return new ChangeResult(StatusCodes.Status200OK, await BalanceOfAsync(change, vault, accountId, cancellation));
        }, cancellation);
        return outcome.ToHttpResult(http);
    }

    private static void CheckContact(string field, string? value, Dictionary<string, string[]> errors)
    {
        if (value is not null && (value.Length is 0 or > MaxContactLength || string.IsNullOrWhiteSpace(value)))
        {
            errors[field] = [$"{field} is optional, but when given it is 1 to {MaxContactLength} characters."];
        }
    }

    /// <summary>Something before and after one '@': the desk types it in, a mail sent to it is the real check.</summary>
    private static bool LooksLikeEmail(string email) => email.IndexOf('@') is var at && at > 0 && at < email.Length - 1 && email.IndexOf('@', at + 1) < 0;

    private static bool TryParseId(string text, out long accountId) =>
        long.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out accountId)
        && AccountRegistry.IsId(accountId);

    private static string IdRule(string id) => $"'{id}' is not an account id: a whole number from 1 to {AccountRegistry.MaxId}.";

    private static IResult InvalidId(string id) => DeskChange.Invalid(new() { ["id"] = [IdRule(id)] }, "The account id is not valid.");

    private static async Task<AccountBalance> BalanceOfAsync(ChangeContext change, ContactVault vault, long accountId, CancellationToken cancellation) =>
        new((await AccountRegistry.FindAsync(change.Connection, change.Transaction, vault, accountId, cancellation))!,
            await LedgerQueries.BalanceAsync(change.Connection, change.Transaction, LedgerAccounts.Account(accountId), cancellation));
}
