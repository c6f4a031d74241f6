using System.Globalization;
using System.Text.Json;
using Backend.Ingest.Api;
using Backend.Ingest.Changes;
using Backend.Ingest.Downlink;
using Backend.Ingest.Ledger;
using Backend.Ingest.Loads;
using Terminal.Firmware.Card;
using Terminal.Firmware.Loads;

namespace Backend.Ingest.Cards;

/// <summary>
/// Replaces a lost or stolen card (docs/ledger.md, "Replacing a lost or stolen card"), in one change: the old card is
/// blocked as lost (the blacklist carries it to the fleet) and becomes <c>replaced</c>; its ledger balance moves
/// <c>card:{old} → loads:pending</c> as pending loads for the new card, which the fleet writes onto it at its next tap
/// like an online top-up (its <c>LoadApplied</c> then posts <c>loads:pending → card:{new}</c>); the new card is
/// registered if it was not, and linked to the old card's account. The API endpoint and the card page both call
/// <see cref="Validate"/> and <see cref="ReplaceAsync"/>.
/// </summary>
public static class CardReplacements
{
    public const string Lost = "lost";
    public const string Stolen = "stolen";
    public const int MaxReasonLength = 500;

    /// <summary>
    /// How long the moved value waits for the new card's first tap. Longer than an online top-up's: it is the
    /// passenger's own balance, and if it does expire it returns to the old card's ledger account, where the desk can
    /// pay it out (a refund of the replaced card).
    /// </summary>
    public static readonly TimeSpan LoadLifetime = TimeSpan.FromDays(400);

    public static readonly IReadOnlyList<string> Losses = [Lost, Stolen];

    /// <summary>The order checked field by field; null with <paramref name="errors"/> filled when it is not valid.</summary>
    public static ValidatedReplacement? Validate(string uid, CardReplacementOrder? order, Dictionary<string, string[]> errors)
    {
        if (!CardUid.TryNormalize(uid, out var oldUid))
        {
            errors["uid"] = [$"'{uid}' is not a card UID: {CardUid.Rule}."];
        }

        if (!CardUid.TryNormalize(order?.NewUid, out var newUid))
        {
            errors["newUid"] = [$"newUid '{order?.NewUid}' is not a card UID: {CardUid.Rule}."];
        }
        else if (newUid == oldUid)
        {
            errors["newUid"] = [$"newUid is the lost card {oldUid} itself: a card cannot replace itself."];
        }

        if (order?.Loss is not { } loss || !Losses.Contains(loss))
        {
            errors["loss"] = ["loss is required: lost or stolen."];
        }

        if (order?.Reason is not { Length: >= 1 and <= MaxReasonLength } reason || string.IsNullOrWhiteSpace(reason))
        {
            errors["reason"] = [$"reason is required: what the passenger reported, 1 to {MaxReasonLength} characters (it goes into the audit log)."];
        }

        var registration = Registration(order, errors);
        return errors.Count == 0 ? new ValidatedReplacement(oldUid, newUid, order!.Loss!, order.Reason!.Trim(), registration) : null;
    }

    public static Task<ChangeOutcome> ReplaceAsync(ChangeRunner runner, ChangeRequest request, ValidatedReplacement order, CancellationToken cancellation) =>
        runner.RunAsync(request, change => ReplaceAsync(change, order, cancellation), cancellation);

    private static async Task<ChangeResult> ReplaceAsync(ChangeContext change, ValidatedReplacement order, CancellationToken cancellation)
    {
        if (await CardRegistry.LockAsync(change, order.OldUid, cancellation) is not { } old)
        {
            return DeskChange.NotFound("Unknown card.", $"Card {order.OldUid} is not in the registry: only a registered card's balance can be moved.");
        }

        if (old.Status == CardStatuses.Replaced)
        {
            return DeskChange.Conflict("The card's balance was moved already.", await MovedAlreadyAsync(change, order.OldUid, cancellation));
        }

        if (old.Status is not (CardStatuses.Active or CardStatuses.Lost))
        {
            return DeskChange.Conflict($"The card is {old.Status}.",
                $"Card {order.OldUid} is {old.Status}: only an active card or one reported lost can be replaced"
                + (old.Status == CardStatuses.Blocked ? " (a blocked card's balance is under review: unblock it first if the review allows)." : "."));
        }

        if (await NewCardAsync(change, old, order, cancellation) is { } refusal)
        {
            return refusal;
        }

        var moved = Math.Max(0, await LedgerQueries.BalanceAsync(change.Connection, change.Transaction, LedgerAccounts.Card(order.OldUid), cancellation));
        if (await FitsAsync(change, order.NewUid, moved, cancellation) is { } tooMuch)
        {
            return tooMuch;
        }

        uint? version = null;
        if (old.Status == CardStatuses.Active)
        {
            var block = await CardBlocks.BlockAsync(change, order.OldUid, CardStatuses.Lost, $"{order.Loss}: {order.Reason}", cancellation);
            version = ((CardBlockAnswer)block.Body).BlacklistVersion;
        }

        await CardRegistry.SetStatusAsync(change, order.OldUid, CardStatuses.Replaced, $"{order.Loss}, replaced by {order.NewUid}: {order.Reason}", cancellation);
        var loads = new List<long>();
        var expires = DateTimeOffset.FromUnixTimeMilliseconds(change.Now) + LoadLifetime;
        for (var left = moved; left > 0; left -= PendingLoadList.MaxAmount)
        {
            // A pending load carries at most 655.35 (the list's 16-bit amount): a larger balance travels as several, taken one per tap.
            loads.Add(await PendingLoads.CreateAsync(change, order.NewUid, Math.Min(left, PendingLoadList.MaxAmount), LedgerAccounts.Card(order.OldUid),
                expires, $"balance of card {order.OldUid} ({order.Loss}), replaced by {order.NewUid}", cancellation));
        }

        await using (var record = change.Command("""
            insert into card_replacements (old_uid, new_uid, loss, moved, replaced_at, replaced_by, reason)
            values (@old, @new, @loss, @moved, @at, @by, @reason)
            """))
        {
            await record.With("old", order.OldUid).With("new", order.NewUid).With("loss", order.Loss).With("moved", moved)
                .With("at", change.Now).With("by", change.Request.Actor).With("reason", order.Reason).ExecuteNonQueryAsync(cancellation);
        }

        await change.AuditAsync("card.replace", LedgerAccounts.Card(order.OldUid), order.Reason,
            JsonSerializer.Serialize(new { newUid = order.NewUid, order.Loss, moved, loads, blacklistVersion = version }), cancellation);
        var newCard = new CardBalance((await CardRegistry.FindAsync(change.Connection, change.Transaction, order.NewUid, cancellation))!,
            await LedgerQueries.BalanceAsync(change.Connection, change.Transaction, LedgerAccounts.Card(order.NewUid), cancellation));
        return new ChangeResult(StatusCodes.Status200OK, new CardReplacementAnswer(order.OldUid, order.Loss, moved, loads, version, newCard));
    }

    /// <summary>Registers the new card or checks the registered one can take the old card's place; null when it can.</summary>
    private static async Task<ChangeResult?> NewCardAsync(ChangeContext change, CardRecord old, ValidatedReplacement order, CancellationToken cancellation)
    {
        if (await CardRegistry.LockAsync(change, order.NewUid, cancellation) is not { } card)
        {
            if (order.Registration is not { } registration)
            {
                return DeskChange.Unprocessable("The replacement card is not registered.",
                    $"Card {order.NewUid} is not in the registry: give its keyVersion, expiryDay and issuedBy to register it with this replacement, or register it first.");
            }

            var fresh = new CardRecord(order.NewUid, old.CardType, registration.KeyVersion, registration.ExpiryDay, CardStatuses.Active, old.AccountId,
                default, registration.IssuedBy, default, null);
            await CardRegistry.InsertAsync(change, fresh, cancellation);
            await change.AuditAsync("card.register", LedgerAccounts.Card(order.NewUid), $"replaces {order.OldUid}",
                JsonSerializer.Serialize(new { fresh.CardType, fresh.KeyVersion, fresh.ExpiryDay, fresh.IssuedBy, fresh.AccountId }), cancellation);
            return null;
        }

        if (card.Status != CardStatuses.Active)
        {
            return DeskChange.Conflict($"The replacement card is {card.Status}.", $"Card {order.NewUid} is {card.Status}: only an active card can take over a balance.");
        }

        if (await ReplacedByAsync(change, order.NewUid, cancellation) is { } replaced)
        {
            return DeskChange.Conflict("The replacement card was replaced itself.", $"Card {order.NewUid} was replaced by {replaced}.");
        }

        if (old.AccountId is { } account && card.AccountId is { } other && other != account)
        {
            return DeskChange.Conflict("The replacement card belongs to another account.",
                $"Card {order.NewUid} is linked to account {other}, card {order.OldUid} to account {account}: a balance moves only within one account.");
        }

        if (old.AccountId is { } link && card.AccountId is null)
        {
            await CardRegistry.LinkAsync(change, order.NewUid, link, cancellation);
            await change.AuditAsync("card.link", LedgerAccounts.Card(order.NewUid), $"replaces {order.OldUid}", JsonSerializer.Serialize(new { accountId = link }), cancellation);
        }

        return null;
    }

    /// <summary>Null when the moved cents fit the new card's 24-bit purse beside its balance and its other pending loads.</summary>
    private static async Task<ChangeResult?> FitsAsync(ChangeContext change, string newUid, long moved, CancellationToken cancellation)
    {
        var balance = await LedgerQueries.BalanceAsync(change.Connection, change.Transaction, LedgerAccounts.Card(newUid), cancellation);
        await using var pending = change.Command("select coalesce(sum(amount), 0) from pending_loads where card_uid = @uid and status = @pending");
        var waiting = Convert.ToInt64(await pending.With("uid", newUid).With("pending", PendingLoadStatuses.Pending).ExecuteScalarAsync(cancellation), CultureInfo.InvariantCulture);
        return balance + waiting + moved <= PurseCodec.MaxBalance
            ? null
            : DeskChange.Conflict("The balance does not fit on the replacement card.",
                $"Card {newUid} holds {MinorUnits.Format(balance)} with {MinorUnits.Format(waiting)} on its way; {MinorUnits.Format(moved)} more would pass the {MinorUnits.Format(PurseCodec.MaxBalance)} a card can hold: choose another card.");
    }

    private static async Task<string> MovedAlreadyAsync(ChangeContext change, string oldUid, CancellationToken cancellation)
    {
        await using var read = change.Command("select new_uid, moved, replaced_at from card_replacements where old_uid = @old");
        await using var reader = await read.With("old", oldUid).ExecuteReaderAsync(cancellation);
        return await reader.ReadAsync(cancellation)
            ? $"Card {oldUid} was replaced by {reader.GetString(0)} on {DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(2)):yyyy-MM-dd HH:mm} UTC, which took {MinorUnits.Format(reader.GetInt64(1))}: its balance cannot move twice."
            : $"Card {oldUid} is replaced: its balance cannot move again.";
    }

    private static async Task<string?> ReplacedByAsync(ChangeContext change, string uid, CancellationToken cancellation)
    {
        await using var read = change.Command("select new_uid from card_replacements where old_uid = @uid");
        return await read.With("uid", uid).ExecuteScalarAsync(cancellation) as string;
    }

    private static NewCardRegistration? Registration(CardReplacementOrder? order, Dictionary<string, string[]> errors)
    {
        if (order is null || (order.KeyVersion is null && order.ExpiryDay is null && order.IssuedBy is null))
        {
            return null;
        }

        if (order.KeyVersion is not (>= 0 and <= byte.MaxValue))
        {
            errors["keyVersion"] = ["keyVersion is required to register the new card: its key generation, 0 to 255."];
        }

        if (!DateOnly.TryParseExact(order.ExpiryDay, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var expiry)
            || expiry < CardEndpoints.FirstCardDay || expiry > CardEndpoints.LastCardDay)
        {
            errors["expiryDay"] = [$"expiryDay '{order.ExpiryDay}' is not a card's last valid day: yyyy-MM-dd from {CardEndpoints.FirstCardDay:yyyy-MM-dd} to {CardEndpoints.LastCardDay:yyyy-MM-dd}."];
        }

        if (order.IssuedBy is not { Length: >= 1 and <= 100 } issuedBy || string.IsNullOrWhiteSpace(issuedBy))
        {
            errors["issuedBy"] = ["issuedBy is required to register the new card: the desk issuing it, 1 to 100 characters."];
        }

        return errors.ContainsKey("keyVersion") || errors.ContainsKey("expiryDay") || errors.ContainsKey("issuedBy")
            ? null
            : new NewCardRegistration(order.KeyVersion!.Value, expiry, order.IssuedBy!.Trim());
    }
}
