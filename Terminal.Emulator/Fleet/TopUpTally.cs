using Backend.Ingest.Loads;
using Backend.Ingest.Payments;
using Terminal.Firmware.Journal;

namespace Terminal.Emulator.Fleet;

/// <summary>
/// The online card top-ups against what the fleet did with them, from the backend's stored payments, pending loads
/// and journal records and from the cards themselves. Every card top-up whose money was taken is exactly one of: a
/// load applied (its LoadApplied record stored, once), a load still pending, or a refund (its load withdrawn or
/// expired), so TopUpsPaid = LoadsApplied + LoadsPending + Refunds. Unmatched: a taken payment with no load or
/// more than one, in a state its load contradicts, an applied load without its stored record, a load of a payment
/// that took no money, or a stored LoadApplied that names no load. Applied twice: a load with more LoadApplied records
/// than LoadAbandoned ones beyond the first. Off card: a card whose own record of its last load (block 10) is not
/// the last load the stored records applied to it. The webhook counters are the backend's own since start.
/// </summary>
public sealed record TopUpTally(
    int TopUpsPaid, int LoadsApplied, int LoadsPending, int Refunds, int LoadsAppliedTwice, int LoadsOffCard, int PaymentsUnmatched,
    long WebhookDeliveries, long WebhookCredits)
{
    /// <summary>Every must-be-0 count is 0, the payments add up, and the webhooks credited each top-up once.</summary>
    public bool IsExact => LoadsAppliedTwice == 0 && LoadsOffCard == 0 && PaymentsUnmatched == 0
        && TopUpsPaid == LoadsApplied + LoadsPending + Refunds && WebhookCredits == TopUpsPaid;

    /// <param name="lastLoadOnCard">Each card the fleet can read, by UID: the number of the last load it says it took (0 for none).</param>
    public static TopUpTally Compare(
        StoredTopUps stored, IReadOnlyList<StoredRecord> records, IReadOnlyDictionary<string, int> lastLoadOnCard, PaymentCountersSnapshot counters)
    {
        var scratch = new TxRecord();
        var loadRecords = records
            .Select(r => (Row: r, Load: LoadRecord(r, scratch)))
            .Where(r => r.Load is not null)
            .Select(r => (r.Row, Decoded: r.Load!.Value))
            .ToList();
        var applications = loadRecords
            .GroupBy(r => (r.Decoded.Uid, r.Decoded.Number))
            .ToDictionary(g => g.Key, g => g.Count(r => r.Decoded.Kind == TxKind.LoadApplied) - g.Count(r => r.Decoded.Kind == TxKind.LoadAbandoned));
        var appliedAt = loadRecords.Where(r => r.Decoded.Kind == TxKind.LoadApplied).Select(r => (r.Row.TerminalId, r.Row.Sequence, r.Decoded.Uid)).ToHashSet();
        var twice = applications.Count(a => a.Value > 1);

        var unmatched = 0;
        int applied = 0, pending = 0, refunds = 0;
        var cardPayments = stored.Payments.Where(p => p.Target == "card" && PaymentStatuses.Taken(p.Status)).ToList();
        var loadsByPayment = stored.Loads.Where(l => l.PaymentId is not null).ToLookup(l => l.PaymentId!);
        foreach (var payment in cardPayments)
        {
            var loads = loadsByPayment[payment.PaymentId].ToList();
            var refunded = payment.Status is PaymentStatuses.Refunding or PaymentStatuses.Refunded;
            var load = loads.Count == 1 ? loads[0] : null;
            switch (load?.Status)
            {
                case PendingLoadStatuses.Applied when !refunded && load.AppliedTerminal is { } terminal && appliedAt.Contains((terminal, load.AppliedSequence!.Value, load.CardUid)):
                    applied++;
                    break;
                case PendingLoadStatuses.Pending when !refunded:
                    pending++;
                    break;
                case PendingLoadStatuses.Withdrawn or PendingLoadStatuses.Expired when refunded:
                    refunds++;
                    break;
                default:
                    unmatched++;
                    break;
            }
        }

        var taken = cardPayments.Select(p => p.PaymentId).ToHashSet();
        unmatched += stored.Loads.Count(l => l.PaymentId is { } id && !taken.Contains(id));
        var known = stored.Loads.Select(l => (l.CardUid, l.Number)).ToHashSet();
        unmatched += applications.Keys.Count(k => !known.Contains(k));

        var off = lastLoadOnCard.Count(card =>
            card.Value != applications.Where(a => a.Key.Uid == card.Key && a.Value > 0).Select(a => a.Key.Number).DefaultIfEmpty(0).Max());
        return new TopUpTally(cardPayments.Count, applied, pending, refunds, twice, off, unmatched, counters.WebhookDeliveries, counters.WebhookCredits);
    }

    public override string ToString() =>
        $"top-ups: {TopUpsPaid} paid = {LoadsApplied} loads applied + {LoadsPending} pending + {Refunds} refunded; {LoadsAppliedTwice} applied twice, "
        + $"{LoadsOffCard} cards off their loads, {PaymentsUnmatched} unmatched; {WebhookDeliveries} webhook deliveries, {WebhookCredits} credits";

    /// <summary>The kind, card and load number of a stored LoadApplied or LoadAbandoned record; null for any other record.</summary>
    private static (TxKind Kind, string Uid, int Number)? LoadRecord(StoredRecord row, TxRecord scratch) =>
        TxRecordCodec.Decode(row.Record, 0, scratch) == RecordStatus.Ok && scratch.UidLength > 0 && scratch.Kind is TxKind.LoadApplied or TxKind.LoadAbandoned
            ? (scratch.Kind, Convert.ToHexString(scratch.Uid, 0, scratch.UidLength), scratch.LoadNumber)
            : null;
}
