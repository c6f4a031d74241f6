using System.ComponentModel;
using System.Data.Common;
using System.Globalization;
using System.Text.Json;
using Backend.Ingest.Accounts;
using Backend.Ingest.Api;
using Backend.Ingest.Changes;
using Backend.Ingest.Ledger;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using Terminal.Firmware.Card;
using Terminal.Firmware.Fares;
using Backend.Ingest.Identity;

namespace Backend.Ingest.Cards;

/// <summary>
/// The issuing desk's card API under /api/cards: register (with the first load), load, link to an account, refund,
/// and read a card with its ledger. Every change runs through <see cref="ChangeRunner"/>: once per Idempotency-Key,
/// in one transaction with its transfers and its audit row.
/// </summary>
internal static class CardEndpoints
{
    /// <summary>The card format's first and last expressible day (docs/card-format.md: u16 days from 2025-01-01).</summary>
    internal static readonly DateOnly FirstCardDay = new(2025, 1, 1);

    internal static readonly DateOnly LastCardDay = FirstCardDay.AddDays(ushort.MaxValue);

    public static void Map(RouteGroupBuilder api)
    {
        var cards = api.MapGroup("/cards").WithTags("Cards");
        cards.MapPost("", Register)
            .RequireAuthorization(StaffPolicies.ServeCustomers)
            .WithName("RegisterCard")
            .WithSummary("Registers a card at the issuing desk and posts its first load (Idempotency-Key required)")
            .Produces<CardBalance>(StatusCodes.Status201Created)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        cards.MapPost("/{uid}/loads", Load)
            .RequireAuthorization(StaffPolicies.ServeCustomers)
            .WithName("LoadCard")
            .WithSummary("Adds value to an active card at the desk (Idempotency-Key required: a retried request loads once)")
            .Produces<CardBalance>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        cards.MapPost("/{uid}/account", LinkAccount)
            .RequireAuthorization(StaffPolicies.ServeCustomers)
            .WithName("LinkCardToAccount")
            .WithSummary("Links a card to a passenger account (Idempotency-Key required)")
            .Produces<CardBalance>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        cards.MapPost("/{uid}/refund", Refund)
            .RequireAuthorization(StaffPolicies.Refund)
            .WithName("RefundCard")
            .WithSummary("Pays out a card's remaining balance in cash; the card becomes refunded (Idempotency-Key required)")
            .Produces<CardBalance>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        CardReplacementEndpoint.Map(cards);
        cards.MapGet("/{uid}", Get)
            .RequireAuthorization(StaffPolicies.ServeCustomers)
            .WithName("GetCard")
            .WithSummary("A card: registry row, ledger balance, the balance and counter it last reported, latest transfers")
            .Produces<CardView>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);
        cards.MapGet("/{uid}/ledger", Ledger)
            .RequireAuthorization(StaffPolicies.ServeCustomers)
            .WithName("GetCardLedger")
            .WithSummary("A card's ledger transfers, newest first")
            .Produces<IReadOnlyList<LedgerTransferView>>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);
    }

    private static async Task<IResult> Register(
        HttpContext http, ChangeRunner runner, IOptions<LedgerOptions> options, [FromBody] CardRegistration? body, CancellationToken cancellation)
    {
        var errors = new Dictionary<string, string[]>();
        if (body is null)
        {
            return DeskChange.Invalid(new() { ["body"] = ["a JSON object with uid, cardType, keyVersion, expiryDay and issuedBy is required."] }, "The card registration is not valid.");
        }

        if (!CardUid.TryNormalize(body.Uid, out var uid))
        {
            errors["uid"] = [$"'{body.Uid}' is not a card UID: {CardUid.Rule}."];
        }

        if (body.CardType is not { } cardType || cardType < (int)CardType.Adult || cardType > (int)CardType.Staff)
        {
            errors["cardType"] = ["cardType is required: 0 adult, 1 child, 2 student, 3 senior, 4 staff."];
        }

        if (body.KeyVersion is not (>= 0 and <= byte.MaxValue))
        {
            errors["keyVersion"] = ["keyVersion is required: the generation of master keys the card is diversified from, 0 to 255."];
        }

        if (!DateOnly.TryParseExact(body.ExpiryDay, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var expiry)
            || expiry < FirstCardDay || expiry > LastCardDay)
        {
            errors["expiryDay"] = [$"expiryDay '{body.ExpiryDay}' is not a card's last valid day: yyyy-MM-dd from {FirstCardDay:yyyy-MM-dd} to {LastCardDay:yyyy-MM-dd}."];
        }

        if (body.IssuedBy is not { Length: >= 1 and <= 100 } issuedBy || string.IsNullOrWhiteSpace(issuedBy))
        {
            errors["issuedBy"] = ["issuedBy is required: the desk or place issuing the card, 1 to 100 characters."];
        }

        if (body.AccountId is not null && !AccountRegistry.IsId(body.AccountId))
        {
            errors["accountId"] = [$"accountId {body.AccountId} is not an account id: 1 to {AccountRegistry.MaxId}."];
        }

        if (body.FirstLoad is not null)
        {
            LoadRules.CheckAmount("firstLoad", body.FirstLoad, options.Value.MaxLoad, errors);
        }

        var clearing = LoadRules.Clearing(body.PaidBy, errors);
        if (errors.Count > 0)
        {
            return DeskChange.Invalid(errors, "The card registration is not valid.");
        }

        var card = new CardRecord(uid, body.CardType!.Value, body.KeyVersion!.Value, expiry, CardStatuses.Active, body.AccountId,
            default, body.IssuedBy!, default, null);
        if (DeskChange.Request(http, "card.register", uid, new { card, body.FirstLoad, clearing }) is not { } request)
        {
            return DeskChange.MissingKey();
        }

        var outcome = await runner.RunAsync(request, async change =>
        {
            if (card.AccountId is { } accountId && await AccountRegistry.LockAsync(change, accountId, cancellation) is var status)
            {
                if (status is null)
                {
                    return DeskChange.Unprocessable("Unknown account.", $"Account {accountId} does not exist: open it first (POST /api/accounts), or register the card without an account.");
                }

                if (status != AccountRegistry.Active)
                {
                    return DeskChange.Conflict("The account is not active.", $"Account {accountId} is {status}: a card cannot be linked to it.");
                }
            }

            if (!await CardRegistry.InsertAsync(change, card, cancellation))
            {
                return DeskChange.Conflict("The card is registered already.", $"Card {uid} is in the registry: load it with POST /api/cards/{uid}/loads.");
            }

            if (body.FirstLoad is { } amount)
            {
                if (await FitsOnCardAsync(change, uid, "firstLoad", amount, cancellation) is { } tooMuch)
                {
                    return tooMuch;
                }

                await LedgerTransferWriter.PostAsync(change, new LedgerPosting("issue", clearing!, LedgerAccounts.Card(uid), amount), 0, cancellation);
            }

            await change.AuditAsync("card.register", LedgerAccounts.Card(uid), null, JsonSerializer.Serialize(new { card.CardType, card.KeyVersion, card.ExpiryDay, card.IssuedBy, card.AccountId, body.FirstLoad, clearing }), cancellation);
            return new ChangeResult(StatusCodes.Status201Created, await BalanceOfAsync(change, uid, cancellation));
        }, cancellation);
        return outcome.ToHttpResult(http);
    }

    private static async Task<IResult> Load(
        HttpContext http, ChangeRunner runner, IOptions<LedgerOptions> options,
        [Description("The card's UID as 8, 14 or 20 hex digits, any case.")] string uid,
        [FromBody] DeskLoad? body, CancellationToken cancellation)
    {
        var errors = new Dictionary<string, string[]>();
        if (!CardUid.TryNormalize(uid, out var cardUid))
        {
            errors["uid"] = [$"'{uid}' is not a card UID: {CardUid.Rule}."];
        }

        LoadRules.CheckAmount("amount", body?.Amount, options.Value.MaxLoad, errors);
        var clearing = LoadRules.Clearing(body?.PaidBy, errors);
        if (errors.Count > 0)
        {
            return DeskChange.Invalid(errors, "The card load is not valid.");
        }

        var amount = body!.Amount!.Value;
        if (DeskChange.Request(http, "card.load", cardUid, new { amount, clearing }) is not { } request)
        {
            return DeskChange.MissingKey();
        }

        var outcome = await runner.RunAsync(request, async change =>
        {
            if (await CardRegistry.LockAsync(change, cardUid, cancellation) is not { } card)
            {
                return UnknownCard(cardUid);
            }

            if (card.Status != CardStatuses.Active)
            {
                return DeskChange.Conflict("The card is not active.", $"Card {cardUid} is {card.Status}: only an active card can be loaded.");
            }

            if (await FitsOnCardAsync(change, cardUid, "amount", amount, cancellation) is { } tooMuch)
            {
                return tooMuch;
            }

            await LedgerTransferWriter.PostAsync(change, new LedgerPosting("load", clearing!, LedgerAccounts.Card(cardUid), amount), 0, cancellation);
            await change.AuditAsync("card.load", LedgerAccounts.Card(cardUid), null, JsonSerializer.Serialize(new { amount, clearing }), cancellation);
            return new ChangeResult(StatusCodes.Status200OK, await BalanceOfAsync(change, cardUid, cancellation));
        }, cancellation);
        return outcome.ToHttpResult(http);
    }

    private static async Task<IResult> LinkAccount(
        HttpContext http, ChangeRunner runner,
        [Description("The card's UID as 8, 14 or 20 hex digits, any case.")] string uid,
        [FromBody] CardAccountLink? body, CancellationToken cancellation)
    {
        var errors = new Dictionary<string, string[]>();
        if (!CardUid.TryNormalize(uid, out var cardUid))
        {
            errors["uid"] = [$"'{uid}' is not a card UID: {CardUid.Rule}."];
        }

        if (!AccountRegistry.IsId(body?.AccountId))
        {
            errors["accountId"] = [$"accountId is required: an account id, 1 to {AccountRegistry.MaxId}."];
        }

        if (errors.Count > 0)
        {
            return DeskChange.Invalid(errors, "The card's account link is not valid.");
        }

        var accountId = body!.AccountId!.Value;
        if (DeskChange.Request(http, "card.link", cardUid, new { accountId }) is not { } request)
        {
            return DeskChange.MissingKey();
        }

        var outcome = await runner.RunAsync(request, async change =>
        {
            if (await CardRegistry.LockAsync(change, cardUid, cancellation) is not { } card)
            {
                return UnknownCard(cardUid);
            }

            if (await AccountRegistry.StatusAsync(change.Connection, change.Transaction, accountId, cancellation) is not { } status)
            {
                return DeskChange.Unprocessable("Unknown account.", $"Account {accountId} does not exist: open it first (POST /api/accounts).");
            }

            if (status != AccountRegistry.Active)
            {
                return DeskChange.Conflict("The account is not active.", $"Account {accountId} is {status}: a card cannot be linked to it.");
            }

            if (card.AccountId is { } linked && linked != accountId)
            {
                return DeskChange.Conflict("The card belongs to another account.", $"Card {cardUid} is linked to account {linked}.");
            }

            await CardRegistry.LinkAsync(change, cardUid, accountId, cancellation);
            await change.AuditAsync("card.link", LedgerAccounts.Card(cardUid), null, JsonSerializer.Serialize(new { accountId }), cancellation);
            return new ChangeResult(StatusCodes.Status200OK, await BalanceOfAsync(change, cardUid, cancellation));
        }, cancellation);
        return outcome.ToHttpResult(http);
    }

    private static async Task<IResult> Refund(
        HttpContext http, ChangeRunner runner,
        [Description("The card's UID as 8, 14 or 20 hex digits, any case.")] string uid,
        [FromBody] CardRefund? body, CancellationToken cancellation)
    {
        var errors = new Dictionary<string, string[]>();
        if (!CardUid.TryNormalize(uid, out var cardUid))
        {
            errors["uid"] = [$"'{uid}' is not a card UID: {CardUid.Rule}."];
        }

        if (body?.Reason is not { Length: >= 1 and <= 500 } reason || string.IsNullOrWhiteSpace(reason))
        {
            errors["reason"] = ["reason is required: why the card's balance is paid out, 1 to 500 characters."];
        }

        if (body?.Amount is < 0)
        {
            errors["amount"] = ["amount, when given, is the card's balance in cents that the desk pays out: 0 or more."];
        }

        if (errors.Count > 0)
        {
            return DeskChange.Invalid(errors, "The card refund is not valid.");
        }

        if (DeskChange.Request(http, "card.refund", cardUid, body!.Amount is null ? new { body.Reason } : new { body.Reason, body.Amount }) is not { } request)
        {
            return DeskChange.MissingKey();
        }

        return (await RefundAsync(runner, request, cardUid, body.Reason!, body.Amount, cancellation)).ToHttpResult(http);
    }

    /// <summary>
    /// Pays out the card's remaining ledger balance in cash and retires it (the refund endpoint and the card page);
    /// with <paramref name="amount"/>, only when that is what the card holds, so a desk working from a stale screen
    /// (a tap posted meanwhile) or typing more than the balance is refused.
    /// </summary>
    internal static Task<ChangeOutcome> RefundAsync(ChangeRunner runner, ChangeRequest request, string cardUid, string reason, long? amount, CancellationToken cancellation) =>
        runner.RunAsync(request, async change =>
        {
            if (await CardRegistry.LockAsync(change, cardUid, cancellation) is not { } card)
            {
                return UnknownCard(cardUid);
            }

            if (card.Status == CardStatuses.Refunded)
            {
                return DeskChange.Conflict("The card is refunded already.", $"Card {cardUid} was refunded at {card.StatusChangedAt:u}.");
            }

            var balance = await LedgerQueries.BalanceAsync(change.Connection, change.Transaction, LedgerAccounts.Card(cardUid), cancellation);
            if (balance < 0)
            {
                return DeskChange.Conflict("The card is in debt.", $"Card {cardUid} owes {MinorUnits.Format(-balance)} (an overdraft fare): settle it with a load before a refund.");
            }

            if (amount is { } asked && asked != balance)
            {
                return DeskChange.Conflict(asked > balance ? "The refund is larger than the balance." : "The refund is not the balance.",
                    $"Card {cardUid} holds {MinorUnits.Format(balance)}, not {MinorUnits.Format(asked)}: a refund pays out exactly the balance (reload the card to see the latest).");
            }

            if (balance > 0)
            {
                await LedgerTransferWriter.PostAsync(change, new LedgerPosting("refund", LedgerAccounts.Card(cardUid), LedgerAccounts.ClearingCash, balance), 0, cancellation);
            }

            await CardRegistry.SetStatusAsync(change, cardUid, CardStatuses.Refunded, reason, cancellation);
            await change.AuditAsync("card.refund", LedgerAccounts.Card(cardUid), reason, JsonSerializer.Serialize(new { refunded = balance, previousStatus = card.Status }), cancellation);
            return new ChangeResult(StatusCodes.Status200OK, await BalanceOfAsync(change, cardUid, cancellation));
        }, cancellation);

    private static async Task<IResult> Get(
        DbDataSource dataSource, LedgerQueries ledger,
        [Description("The card's UID as 8, 14 or 20 hex digits, any case.")] string uid, CancellationToken cancellation)
    {
        if (!CardUid.TryNormalize(uid, out var cardUid))
        {
            return DeskChange.Invalid(new() { ["uid"] = [$"'{uid}' is not a card UID: {CardUid.Rule}."] }, "The card query is not valid.");
        }

        await using var connection = await dataSource.OpenConnectionAsync(cancellation);
        if (await CardRegistry.FindAsync(connection, null, cardUid, cancellation) is not { } card)
        {
            return UnknownCardProblem(cardUid);
        }

        var account = LedgerAccounts.Card(cardUid);
        return TypedResults.Ok(new CardView(
            card,
            await LedgerQueries.BalanceAsync(connection, null, account, cancellation),
            await CardRegistry.LastReportedAsync(dataSource, cardUid, cancellation),
            await ledger.TransfersAsync(account, LedgerQueries.RecentTransfers, cancellation)));
    }

    private static async Task<IResult> Ledger(
        DbDataSource dataSource, LedgerQueries ledger,
        [Description("The card's UID as 8, 14 or 20 hex digits, any case.")] string uid,
        [Description("Transfers to return: at most and by default 500.")] string? limit, CancellationToken cancellation)
    {
        var errors = new Dictionary<string, string[]>();
        if (!CardUid.TryNormalize(uid, out var cardUid))
        {
            errors["uid"] = [$"'{uid}' is not a card UID: {CardUid.Rule}."];
        }

        var rows = TransactionFilter.ParseLimit(limit, TransactionFilter.MaxLimit, errors);
        if (errors.Count > 0)
        {
            return DeskChange.Invalid(errors, "The card ledger query is not valid.");
        }

        await using var connection = await dataSource.OpenConnectionAsync(cancellation);
        return await CardRegistry.FindAsync(connection, null, cardUid, cancellation) is null
            ? UnknownCardProblem(cardUid)
            : TypedResults.Ok(await ledger.TransfersAsync(LedgerAccounts.Card(cardUid), rows, cancellation));
    }

    /// <summary>
    /// Null when <paramref name="amount"/> (the request's <paramref name="field"/>) still fits the card's 24-bit purse (docs/card-format.md) on top of what
    /// the ledger says it holds; else the 400 that says how much it may take.
    /// </summary>
    private static async Task<ChangeResult?> FitsOnCardAsync(ChangeContext change, string uid, string field, long amount, CancellationToken cancellation)
    {
        var balance = await LedgerQueries.BalanceAsync(change.Connection, change.Transaction, LedgerAccounts.Card(uid), cancellation);
        return balance + amount <= PurseCodec.MaxBalance
            ? null
            : DeskChange.BadRequest(
                field,
                $"card {uid} holds {MinorUnits.Format(balance)}; with {MinorUnits.Format(amount)} it would pass the {MinorUnits.Format(PurseCodec.MaxBalance)} a card can hold: load at most {MinorUnits.Format(Math.Max(0, PurseCodec.MaxBalance - balance))}.",
                "The load does not fit on the card.");
    }

    private static async Task<CardBalance> BalanceOfAsync(ChangeContext change, string uid, CancellationToken cancellation) =>
        new((await CardRegistry.FindAsync(change.Connection, change.Transaction, uid, cancellation))!,
            await LedgerQueries.BalanceAsync(change.Connection, change.Transaction, LedgerAccounts.Card(uid), cancellation));

    private static ChangeResult UnknownCard(string uid) =>
        DeskChange.NotFound("Unknown card.", $"Card {uid} is not in the registry: register it with POST /api/cards.");

    private static IResult UnknownCardProblem(string uid) =>
        TypedResults.Problem(title: "Unknown card.", detail: $"Card {uid} is not in the registry: register it with POST /api/cards.", statusCode: StatusCodes.Status404NotFound);
}
