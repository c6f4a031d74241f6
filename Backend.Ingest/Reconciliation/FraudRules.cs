using Terminal.Firmware.Journal;

namespace Backend.Ingest.Reconciliation;

/// <summary>
/// The rules, in memory: each examined record against the facts of its card or account (<see cref="PassFacts"/>).
/// Every comparison is between stored records, never against an order of arrival, so a late upload or two
/// buses' batches in any order give the same verdicts; each pair rule fires from whichever side is examined
/// second, and its dedup key names the pair so the first side cannot have made another.
/// docs/reconciliation.md explains each rule and its honest neighbours.
/// </summary>
public sealed class FraudRules(ReconciliationOptions options)
{
    private long ToleranceSeconds => options.ClockToleranceSeconds;

    public IEnumerable<FindingDraft> Examine(PassengerRecord record, PassFacts facts)
    {
        if (record.CardUid is { } uid)
        {
            return record.IsCardWrite ? ExamineCardWrite(record, uid, facts) : [];
        }

        return record.Kind == TxKind.QrAccepted ? ExamineQrRide(record, facts) : [];
    }

    private IEnumerable<FindingDraft> ExamineCardWrite(PassengerRecord record, string uid, PassFacts facts)
    {
        if (!facts.Registry.TryGetValue(uid, out var card))
        {
            yield return new FindingDraft(FindingRule.UnregisteredCard, uid, null, $"unregistered_card:{uid}", new
            {
                records = new[] { record.Evidence() },
                figures = new { registered = false },
            });
            yield break;
        }

        var history = facts.HistoryOf(uid);
        var abandons = history.Where(a => a.Kind == TxKind.CardWriteAbandoned).ToList();
        var writes = history.Where(w => w.IsCardWrite && w.Key != record.Key && !IsAbandoned(w, abandons)).ToList();
        if (LateBlacklist(record, card) is { } late)
        {
            yield return late;
        }

        if (!IsAbandoned(record, abandons))
        {
            if (CounterRepeated(record, uid, writes) is { } repeated)
            {
                yield return repeated;
            }

            if (CounterWentBack(record, uid, writes) is { } back)
            {
                yield return back;
            }

            if (TravelTime(record, uid, writes) is { } travel)
            {
                yield return travel;
            }
        }

        if (record.Kind == TxKind.CardTapAccepted && BalanceAboveLedger(record, uid, history, facts.TransfersOf(uid)) is { } above)
        {
            yield return above;
        }
    }

    /// <summary>A write its own terminal later journaled as abandoned never reached the card: its counter may be used again.</summary>
    private static bool IsAbandoned(PassengerRecord write, List<PassengerRecord> abandons) =>
        abandons.Any(a => a.Terminal == write.Terminal && a.Counter == write.Counter && a.Sequence > write.Sequence);

    private FindingDraft? LateBlacklist(PassengerRecord record, RegisteredCard card)
    {
        if (card.Status is not ("blocked" or "lost"))
        {
            return null;
        }

        var lateBy = record.Timestamp - (card.StatusChangedAt / 1000) - options.BlacklistGraceSeconds;
        return lateBy <= 0 ? null : new FindingDraft(FindingRule.LateBlacklist, card.Uid, null, $"late_blacklist:{card.Uid}:{record.Terminal}", new
        {
            records = new[] { record.Evidence() },
            figures = new
            {
                cardStatus = card.Status,
                statusChangedAt = DateTimeOffset.FromUnixTimeMilliseconds(card.StatusChangedAt),
                graceSeconds = options.BlacklistGraceSeconds,
                acceptedSecondsAfterGrace = lateBy,
            },
        });
    }

    /// <summary>Two writes with one counter and different balances: two cards grew from one state (a clone or a restored dump).</summary>
    private static FindingDraft? CounterRepeated(PassengerRecord record, string uid, List<PassengerRecord> writes)
    {
        var twin = writes.FirstOrDefault(w => w.Counter == record.Counter && w.BalanceAfter != record.BalanceAfter);
        return twin is null ? null : new FindingDraft(FindingRule.CounterRepeated, uid, null, $"counter_repeated:{uid}:{record.Counter}", new
        {
            records = Ordered(record, twin).Select(r => r.Evidence()),
            figures = new { counter = record.Counter, balancesAfter = Ordered(record, twin).Select(r => r.BalanceAfter) },
        });
    }

    /// <summary>
    /// A write recorded more than the clock tolerance after another, by the terminals' clocks, with an older
    /// counter: the card went back to an earlier state. Tested both ways, so the pair is caught whichever arrives last.
    /// </summary>
    private FindingDraft? CounterWentBack(PassengerRecord record, string uid, List<PassengerRecord> writes)
    {
        var pair = writes
            .Select(w => w.Timestamp < record.Timestamp ? (Earlier: w, Later: record) : (Earlier: record, Later: w))
            .Where(p => p.Later.Timestamp - p.Earlier.Timestamp > ToleranceSeconds && PassengerRecord.CounterAfter(p.Earlier.Counter, p.Later.Counter))
            .OrderBy(p => p.Later.Timestamp).ThenByDescending(p => p.Earlier.Timestamp).ThenBy(p => p.Earlier.Key, StringComparer.Ordinal)
            .FirstOrDefault();
        return pair.Later is null ? null : new FindingDraft(FindingRule.CounterWentBack, uid, null, $"counter_went_back:{uid}:{pair.Later.Key}", new
        {
            records = new[] { pair.Earlier.Evidence(), pair.Later.Evidence() },
            figures = new
            {
                earlierCounter = pair.Earlier.Counter,
                laterCounter = pair.Later.Counter,
                secondsApart = pair.Later.Timestamp - pair.Earlier.Timestamp,
                clockToleranceSeconds = ToleranceSeconds,
            },
        });
    }

    /// <summary>Two accepted writes of one card on different terminals closer in time than a passenger can change buses.</summary>
    private FindingDraft? TravelTime(PassengerRecord record, string uid, List<PassengerRecord> writes)
    {
        var other = writes
            .Where(w => w.Terminal != record.Terminal && Math.Abs((long)w.Timestamp - record.Timestamp) < options.MinSecondsBetweenBuses)
            .OrderBy(w => Math.Abs((long)w.Timestamp - record.Timestamp)).ThenBy(w => w.Key, StringComparer.Ordinal)
            .FirstOrDefault();
        if (other is null)
        {
            return null;
        }

        var pair = Ordered(record, other);
        return new FindingDraft(FindingRule.TravelTime, uid, null, $"travel_time:{uid}:{pair[0].Key}|{pair[1].Key}", new
        {
            records = pair.Select(r => r.Evidence()),
            figures = new { secondsApart = Math.Abs((long)other.Timestamp - record.Timestamp), minSecondsBetweenBuses = options.MinSecondsBetweenBuses },
        });
    }

    /// <summary>
    /// The balance the card showed before the fare against what its ledger allows at that point: the credits that
    /// can have come before the tap less the debits that surely did. A transfer of a journal record of this card
    /// counts when that record's counter is older than the tap's (the card's own order, whatever the clocks say)
    /// or when it was recorded more than the clock tolerance earlier; a desk transfer counts as a credit when
    /// posted no later than the tap plus the tolerance, as a debit when posted more than the tolerance before it.
    /// Every doubt counts in the passenger's favour, so the rule errs towards silence.
    /// </summary>
    private FindingDraft? BalanceAboveLedger(PassengerRecord record, string uid, IReadOnlyList<PassengerRecord> history, IReadOnlyList<CardTransfer> transfers)
    {
        var records = history.ToDictionary(r => r.Key);
        long credits = 0, debits = 0;
        var counted = 0;
        var tapMs = record.Timestamp * 1000L;
        var toleranceMs = ToleranceSeconds * 1000;
        foreach (var transfer in transfers)
        {
            var before = transfer.SourceKey is { } key && records.TryGetValue(key, out var source)
                ? source.Key != record.Key
                    && (PassengerRecord.CounterAfter(record.Counter, source.Counter) || source.Timestamp + ToleranceSeconds < record.Timestamp)
                : transfer.IsCredit ? transfer.OccurredAt <= tapMs + toleranceMs : transfer.OccurredAt + toleranceMs < tapMs;
            if (!before)
            {
                continue;
            }

            counted++;
            if (transfer.IsCredit)
            {
                credits += transfer.Amount;
            }
            else
            {
                debits += transfer.Amount;
            }
        }

        var allowed = credits - debits;
        return record.BalanceBefore <= allowed ? null : new FindingDraft(FindingRule.BalanceAboveLedger, uid, null, $"balance_above_ledger:{uid}:{record.Key}", new
        {
            records = new[] { record.Evidence() },
            figures = new
            {
                reportedBalanceBefore = record.BalanceBefore,
                ledgerAllows = allowed,
                excess = record.BalanceBefore - allowed,
                ledgerCredits = credits,
                ledgerDebits = debits,
                transfersCounted = counted,
                clockToleranceSeconds = ToleranceSeconds,
            },
        });
    }

    private static IEnumerable<FindingDraft> ExamineQrRide(PassengerRecord record, PassFacts facts)
    {
        if (!facts.Accounts.TryGetValue(record.AccountId, out var ledger) || ledger.Balance >= 0)
        {
            yield break;
        }

        yield return new FindingDraft(FindingRule.AccountOverdrawn, null, record.AccountId, $"account_overdrawn:{record.AccountId}:{record.Key}", new
        {
            records = new[] { record.Evidence() },
            figures = new { ledgerBalance = ledger.Balance, ledgerCredits = ledger.Credits, ledgerDebits = ledger.Debits },
        });
    }

    /// <summary>A pair in one order whichever side was examined: by terminal, then sequence.</summary>
    private static PassengerRecord[] Ordered(PassengerRecord a, PassengerRecord b) =>
        a.Terminal < b.Terminal || (a.Terminal == b.Terminal && a.Sequence < b.Sequence) ? [a, b] : [b, a];
}
