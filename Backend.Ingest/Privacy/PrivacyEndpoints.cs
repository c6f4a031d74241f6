using System.ComponentModel;
using System.Data.Common;
using Backend.Ingest.Accounts;
using Backend.Ingest.Api;
using Backend.Ingest.Changes;
using Backend.Ingest.Identity;
using Backend.Ingest.Ledger;

namespace Backend.Ingest.Privacy;

/// <summary>
/// The data subject's rights at the desk (policy <see cref="StaffPolicies.HandleDataRequests"/>): export everything held
/// about a passenger, and erase them. Both are changes of <see cref="ChangeRunner"/>, so both are audited; the export
/// runs under a fresh key each time (every export is a new disclosure), the erasure under the client's Idempotency-Key.
/// </summary>
internal static class PrivacyEndpoints
{
    public static void Map(RouteGroupBuilder api)
    {
        var accounts = api.MapGroup("/accounts").WithTags("Privacy").RequireAuthorization(StaffPolicies.HandleDataRequests);
        accounts.MapGet("/{id}/export", Export)
            .WithName("ExportAccountData")
            .WithSummary("Everything held about the account's passenger, as JSON: account, cards, trips, loads, QR tokens, feedback (audited)")
            .Produces<PersonalDataExport>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);
        accounts.MapPost("/{id}/erase", Erase)
            .WithName("EraseAccountData")
            .WithSummary("Erases the account's passenger: contacts, card links and travel history; the ledger keeps its sums (Idempotency-Key required)")
            .Produces<AccountErasure.Erased>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
    }

    private static async Task<IResult> Export(
        HttpContext http, DbDataSource dataSource, ContactVault vault, FareQueries fares, LedgerQueries ledger, ChangeRunner runner, TimeProvider clock,
        [Description("The account id, 1 to 4294967295.")] string id, CancellationToken cancellation)
    {
        if (!TryParseId(id, out var accountId))
        {
            return InvalidId(id);
        }

        if (await PersonalDataExport.DiscloseAsync(http, runner, dataSource, vault, fares, ledger, accountId, clock.GetUtcNow(), cancellation) is not { } export)
        {
            return TypedResults.Problem(title: "Unknown account.", detail: $"Account {accountId} does not exist.", statusCode: StatusCodes.Status404NotFound);
        }

        return TypedResults.Ok(export);
    }

    private static async Task<IResult> Erase(
        HttpContext http, ChangeRunner runner, [Description("The account id, 1 to 4294967295.")] string id, CancellationToken cancellation)
    {
        if (!TryParseId(id, out var accountId))
        {
            return InvalidId(id);
        }

        if (DeskChange.Request(http, "account.erase", accountId.ToString(), new { }) is not { } request)
        {
            return DeskChange.MissingKey();
        }

        var outcome = await runner.RunAsync(request, change => AccountErasure.EraseAsync(change, accountId, cancellation), cancellation);
        return outcome.ToHttpResult(http);
    }

    private static bool TryParseId(string text, out long accountId) =>
        long.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out accountId)
        && AccountRegistry.IsId(accountId);

    private static IResult InvalidId(string id) => DeskChange.Invalid(
        new() { ["id"] = [$"'{id}' is not an account id: a whole number from 1 to {AccountRegistry.MaxId}."] }, "The account id is not valid.");
}
