using System.Text.Json;
using Backend.Ingest.Api;
using Backend.Ingest.Changes;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using Backend.Ingest.Identity;

namespace Backend.Ingest.Ledger;

/// <summary>The ledger's own endpoints under /api/ledger: the trial balance and manual adjustments.</summary>
internal static class LedgerEndpoints
{
    private static readonly string[] FixedAccounts =
        [LedgerAccounts.RevenueFares, LedgerAccounts.ClearingCash, LedgerAccounts.ClearingPayments, LedgerAccounts.WriteOff];

    public static void Map(RouteGroupBuilder api)
    {
        var ledger = api.MapGroup("/ledger").WithTags("Ledger").RequireAuthorization(StaffPolicies.KeepBooks);
        ledger.MapGet("/trial-balance", TrialBalance)
            .WithName("GetTrialBalance")
            .WithSummary("Totals per account class and their sum, which is 0 in a sound ledger")
            .Produces<TrialBalance>();
        ledger.MapPost("/adjustments", Adjust)
            .WithName("PostAdjustment")
            .WithSummary("A manual correction of one account against equity:adjustment, with a reason (Idempotency-Key required)")
            .Produces<LedgerTransferView>(StatusCodes.Status201Created)
            .ProducesValidationProblem();
    }

    private static async Task<IResult> TrialBalance(LedgerQueries ledger, CancellationToken cancellation) =>
        TypedResults.Ok(await ledger.TrialBalanceAsync(cancellation));

    private static async Task<IResult> Adjust(
        HttpContext http, ChangeRunner runner, IOptions<LedgerOptions> options, [FromBody] LedgerAdjustment? body, CancellationToken cancellation)
    {
        var errors = new Dictionary<string, string[]>();
        if (Validate(body, options.Value.MaxLoad, errors) is not { } valid)
        {
            return DeskChange.Invalid(errors, "The adjustment is not valid.");
        }

        var (account, value, reason) = valid;
        if (DeskChange.Request(http, "ledger.adjust", account, new { value, body!.Reason }) is not { } request)
        {
            return DeskChange.MissingKey();
        }

        return (await AdjustAsync(runner, request, account, value, reason, cancellation)).ToHttpResult(http);
    }

    /// <summary>The adjustment checked field by field (the endpoint and the desk pages): the account as the ledger names it, the cents and the reason; null with <paramref name="errors"/> filled when it is not valid.</summary>
    internal static (string Account, long Value, string Reason)? Validate(LedgerAdjustment? body, long maxLoad, Dictionary<string, string[]> errors)
    {
        var account = Normalize(body?.Account);
        if (account is null)
        {
            errors["account"] = [$"'{body?.Account}' is not a ledger account: card:{{UID}}, account:{{id}}, or one of {string.Join(", ", FixedAccounts)}."];
        }

        if (body?.Amount is not { } amount || amount == 0 || Math.Abs(amount) > maxLoad)
        {
            errors["amount"] = [$"amount is required: non-zero cents, at most {maxLoad} either way (positive raises the account's balance)."];
        }

        if (body?.Reason is not { Length: >= 1 and <= 500 } reason || string.IsNullOrWhiteSpace(reason))
        {
            errors["reason"] = ["reason is required: why the ledger is corrected, 1 to 500 characters."];
        }

        return errors.Count > 0 ? null : (account!, body!.Amount!.Value, body.Reason!);
    }

    /// <summary>Posts the correction of <paramref name="account"/> by <paramref name="value"/> cents against equity:adjustment, audited (the endpoint and the desk pages).</summary>
    internal static Task<ChangeOutcome> AdjustAsync(ChangeRunner runner, ChangeRequest request, string account, long value, string reason, CancellationToken cancellation) =>
        runner.RunAsync(request, async change =>
        {
            var posting = value > 0
                ? new LedgerPosting("adjustment", LedgerAccounts.Adjustment, account, value)
                : new LedgerPosting("adjustment", account, LedgerAccounts.Adjustment, -value);
            await LedgerTransferWriter.PostAsync(change, posting, 0, cancellation);
            await change.AuditAsync("ledger.adjust", account, reason, JsonSerializer.Serialize(new { amount = value }), cancellation);
            return new ChangeResult(StatusCodes.Status201Created, new
            {
                account,
                amount = value,
                balance = await LedgerQueries.BalanceAsync(change.Connection, change.Transaction, account, cancellation),
            });
        }, cancellation);

    /// <summary>The account code as the ledger keeps it (a card's UID in uppercase), or null when it names no account.</summary>
    private static string? Normalize(string? account)
    {
        if (account is null)
        {
            return null;
        }

        if (account.StartsWith("card:", StringComparison.Ordinal))
        {
            return CardUid.TryNormalize(account[5..], out var uid) ? LedgerAccounts.Card(uid) : null;
        }

        if (account.StartsWith("account:", StringComparison.Ordinal))
        {
            return long.TryParse(account[8..], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var id)
                && id is >= 1 and <= uint.MaxValue ? LedgerAccounts.Account(id) : null;
        }

        return FixedAccounts.Contains(account) ? account : null;
    }
}
