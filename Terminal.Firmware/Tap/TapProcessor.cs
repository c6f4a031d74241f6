using Terminal.Drivers.Hal;
using Terminal.Drivers.Indicators;
using Terminal.Drivers.Iso14443;
using Terminal.Drivers.Reader;
using Terminal.Firmware.Blacklist;
using Terminal.Firmware.Card;
using Terminal.Firmware.Downlink;
using Terminal.Firmware.Fares;
using Terminal.Firmware.Journal;
using Terminal.Firmware.Loads;
using FareRefusal = Terminal.Firmware.Fares.RefusalReason;
using PiccType = Terminal.Drivers.Iso14443.CardType;
using ShownRefusal = Terminal.Drivers.Indicators.RefusalReason;

namespace Terminal.Firmware.Tap
{
    /// <summary>
    /// The card tap, start to end (docs/card-format.md, "A tap"): detect and select, blacklist,
    /// read both sectors, apply a pending load the card is due (docs/pending-loads.md), decide, journal the intent,
    /// write the older purse copy, confirm, show.
    /// Every buffer is allocated once; a tap allocates nothing and throws nothing.
    /// </summary>
    public sealed class TapProcessor
    {
        private readonly Iso14443aReader _reader;
        private readonly CardSession _session;
        private readonly BlacklistStore _blacklist;
        private readonly FareTableStore _fares;
        private readonly PendingLoadList _loads;
        private readonly Journal.Journal _journal;
        private readonly IClock _clock;
        private readonly TerminalConfig _config;

        private readonly SelectedCard _card = new SelectedCard();
        private readonly CardUid _lastCard = new CardUid();
        private readonly byte[] _journalRecord = new byte[TxRecordCodec.Size];
        private readonly TapContext _context = new TapContext();
        private readonly FareDecision _decision = new FareDecision();
        private readonly TxRecord _record = new TxRecord();
        private readonly PendingWrite _pending = new PendingWrite();
        private readonly PendingLoad _load = new PendingLoad();
        private readonly TripState _loaded = new TripState();
        private readonly TerminalEvents _events;
        private BlacklistOutcome _unchecked;
        private bool _listMissingJournaled;

        public TapProcessor(Iso14443aReader reader, CardSession session, BlacklistStore blacklist, PendingLoadList loads, FareTableStore fares, Journal.Journal journal, IClock clock, TerminalConfig config)
        {
            _reader = reader;
            _session = session;
            _blacklist = blacklist;
            _fares = fares;
            _loads = loads;
            _journal = journal;
            _clock = clock;
            _config = config;
            _events = new TerminalEvents(journal, clock, config);
            Status = TerminalStatus.Ready();
        }

        /// <summary>What the passenger and the driver are to see for the last tap.</summary>
        public TerminalStatus Status { get; private set; }

        /// <summary>False while no trusted blacklist is installed: the driver is shown so, and cards go by <see cref="TerminalConfig.BlacklistOffline"/>.</summary>
        public bool HasTrustedBlacklist
        {
            get { return _blacklist.Status == BlacklistStatus.Ok; }
        }

        /// <summary>True while a journaled card write waits for its card to come back.</summary>
        public bool HasPendingWrite
        {
            get { return _pending.Active; }
        }

        /// <summary>
        /// After a restart: when the journal's last record is a card write not yet uploaded, its outcome
        /// is unknown (the power may have failed mid-write), so it is settled like a card pulled away.
        /// </summary>
        public void RecoverPendingWrite()
        {
            if (!_journal.HasUnacknowledged || _journal.ReadBatch(_journal.LastSequence, _journalRecord, 0, 1) != 1)
            {
                return;
            }

            if (TxRecordCodec.Decode(_journalRecord, 0, _record) != RecordStatus.Ok)
            {
                return;
            }

            if (_record.Kind == TxKind.CardTapAccepted)
            {
                _pending.Set(_record.Uid, _record.UidLength, _record.CardCounter, _record.BalanceAfter, _record.Amount, _record.Timestamp);
            }
            else if (_record.Kind == TxKind.LoadApplied)
            {
                _pending.SetLoad(_record.Uid, _record.UidLength, _record.CardCounter, _record.BalanceAfter, _record.Amount, _record.Timestamp, _record.LoadNumber);
            }
        }

        /// <summary>One look at the field; called from the main loop.</summary>
        public TapOutcome Poll()
        {
            ReaderStatus detected = _reader.DetectCard(_card);
            if (detected != ReaderStatus.Ok)
            {
                if (detected == ReaderStatus.Timeout)
                {
                    _lastCard.Clear();
                }

                return TapOutcome.NoCard;
            }

            if (_lastCard.Length > 0 && _lastCard.SameAs(_card.Uid))
            {
                _reader.HaltA();
                return TapOutcome.StillPresent;
            }

            TapOutcome outcome = Process();
            _reader.HaltA();
            if (outcome == TapOutcome.TapAgain)
            {
                _lastCard.Clear();
            }
            else
            {
                _lastCard.CopyFrom(_card.Uid);
            }

            return outcome;
        }

        private TapOutcome Process()
        {
            if (_card.Type != PiccType.MifareClassic1K && _card.Type != PiccType.MifareClassic4K)
            {
                return Refuse(ShownRefusal.CardUnreadable);
            }

            CardUid uid = _card.Uid;
            BlacklistVerdict verdict = _blacklist.LookupCard(uid.Bytes, 0, uid.Length);
            CardReadStatus read = _session.Read(_card);
            if (read == CardReadStatus.Gone)
            {
                return TapAgain();
            }

            if (verdict.IsListed)
            {
                Report((int)RefusalCode.Blacklisted);
                if (_config.BlockListedCards && read == CardReadStatus.Ok && !_session.Identity.Blocked)
                {
                    _session.Block(verdict.Reason);
                }

                return Refuse(ShownRefusal.CardBlocked);
            }

            if (read != CardReadStatus.Ok)
            {
                if (read == CardReadStatus.Tampered)
                {
                    Report((int)RefusalCode.CardTampered);
                }

                return Refuse(ShownRefusal.CardUnreadable);
            }

            if (_session.Identity.Blocked)
            {
                Report((int)RefusalCode.Blacklisted);
                return Refuse(ShownRefusal.CardBlocked);
            }

            _unchecked = BlacklistOutcome.NotListed;
            if (verdict.Outcome == BlacklistOutcome.Unavailable || verdict.Outcome == BlacklistOutcome.Corrupt)
            {
                if (_config.BlacklistOffline == BlacklistOfflinePolicy.Refuse)
                {
                    Report((int)RefusalCode.BlacklistUnavailable);
                    return Refuse(ShownRefusal.ServiceNeeded);
                }

                _unchecked = verdict.Outcome;
            }
            else if (verdict.Outcome == BlacklistOutcome.NotListed)
            {
                _listMissingJournaled = false;
            }

            long now = _clock.UtcUnixSeconds;
            if (_pending.Matches(uid, now, _config.PendingWindowSeconds) && Settle() && !_pending.IsLoad)
            {
                Status = TerminalStatus.AlreadyPaid(_session.Current.Trip.Balance);
                return TapOutcome.RolledForward;
            }

            int loaded = ApplyLoad(now);
            if (loaded < 0)
            {
                return TapAgain();
            }

            TapOutcome outcome = Decide(now);
            if (loaded > 0 && (outcome == TapOutcome.Accepted || outcome == TapOutcome.AlreadyPaid))
            {
                Status = TerminalStatus.ToppedUp(loaded, _session.Current.Trip.Balance);
            }

            return outcome;
        }

        /// <summary>
        /// Writes the load the list holds for this card when the card has not taken it yet (docs/card-format.md,
        /// "Block 10"): intent journaled, purse with the value and the load's tag, then block 10. Returns the amount
        /// added, 0 when none was due or it could not be journaled, -1 when the card left (the write's outcome unknown,
        /// or the load on the card with block 10 still to be written, which the tag makes safe).
        /// </summary>
        private int ApplyLoad(long now)
        {
            CardUid uid = _card.Uid;
            _loads.Lookup(uid.Bytes, 0, uid.Length, _load);
            if (!_load.Found)
            {
                return 0;
            }

            int last = _session.LastLoadTaken(_load.Number);
            if (!CardLoads.IsDue(_load.Number, last))
            {
                return 0;
            }

            // Block 10 must name the last load before the purse's tag moves on, so the tag never runs ahead by two.
            if (!_session.LoadRecordNames(last) && _session.WriteLoadRecord(last) != ReaderStatus.Ok)
            {
                return -1;
            }

            _loaded.CopyFrom(_session.Current.Trip);
            _loaded.Balance += _load.Amount;
            if (!_session.PrepareLoad(_loaded, _load.Number))
            {
                return 0;
            }

            StartRecord(TxKind.LoadApplied);
            _record.Amount = _load.Amount;
            _record.BalanceAfter = _loaded.Balance;
            _record.CardCounter = _session.NextCounter;
            _record.LoadNumber = _load.Number;
            if (!Journal.Journal.IsDurable(_journal.Append(_record)))
            {
                return 0;
            }

            if (_session.Commit() != ReaderStatus.Ok)
            {
                _pending.SetLoad(uid.Bytes, uid.Length, _session.NextCounter, _loaded.Balance, _load.Amount, now, _load.Number);
                return -1;
            }

            return _session.WriteLoadRecord(_load.Number) == ReaderStatus.Ok ? _load.Amount : -1;
        }

        /// <summary>
        /// Settles the pending write with this card: true when it reached the card (rolled forward). A load that
        /// reached the card needs no record (its intent stands); one that did not is journaled abandoned, and the
        /// tap offers it again.
        /// </summary>
        private bool Settle()
        {
            PurseState current = _session.Current;
            bool written = current.Counter == _pending.Counter && current.Trip.Balance == _pending.BalanceAfter;
            _pending.Active = false;
            if (_pending.IsLoad && written)
            {
                return true;
            }

            StartRecord(_pending.IsLoad ? TxKind.LoadAbandoned : written ? TxKind.CardWriteCompleted : TxKind.CardWriteAbandoned);
            _record.LoadNumber = _pending.LoadNumber;
            _record.Amount = _pending.Amount;
            _record.BalanceAfter = current.Trip.Balance;
            _record.CardCounter = _pending.Counter;
            _journal.Append(_record);
            return written;
        }

        private TapOutcome Decide(long now)
        {
            _config.Describe(_context, now);
            _context.CardExpired = _session.Identity.IsExpiredAt(now);
            FareEngine.Price(_fares.Current, _session.Current.Trip, _context, _decision);
            switch (_decision.Outcome)
            {
                case FareOutcome.AlreadyPaid:
                    Status = TerminalStatus.AlreadyPaid(_session.Current.Trip.Balance);
                    return TapOutcome.AlreadyPaid;
                case FareOutcome.Refused:
                    if (_decision.Reason == FareRefusal.InsufficientFunds || _decision.Reason == FareRefusal.TopUpRequired)
                    {
                        Report((int)_decision.Reason);
                    }

                    return Refuse(FareRefusals.Shown(_decision.Reason));
                default:
                    return Charge(now);
            }
        }

        private TapOutcome Charge(long now)
        {
            TripState next = _decision.NewState;
            if (!_session.Prepare(next))
            {
                return Refuse(ShownRefusal.NotValidHere);
            }

            if (!JournalUncheckedAccept())
            {
                return Refuse(ShownRefusal.ServiceNeeded);
            }

            StartRecord(TxKind.CardTapAccepted);
            _record.Amount = _decision.Amount;
            _record.BalanceAfter = next.Balance;
            _record.CardCounter = _session.NextCounter;
            _record.Product = (int)_decision.Outcome;
            if (!Journal.Journal.IsDurable(_journal.Append(_record)))
            {
                return Refuse(ShownRefusal.ServiceNeeded);
            }

            if (_session.Commit() != ReaderStatus.Ok)
            {
                _pending.Set(_card.Uid.Bytes, _card.Uid.Length, _session.NextCounter, next.Balance, _decision.Amount, now);
                return TapAgain();
            }

            Status = TerminalStatus.Accepted(_decision.Amount, next.Balance);
            return TapOutcome.Accepted;
        }

        /// <summary>
        /// Before a fare taken without a blacklist answer: journals that it went unchecked, once per stretch without a
        /// list (until a lookup answers again) and for every card whose page is corrupt. False when the journal refused it.
        /// </summary>
        private bool JournalUncheckedAccept()
        {
            if (_unchecked == BlacklistOutcome.NotListed || (_unchecked == BlacklistOutcome.Unavailable && _listMissingJournaled))
            {
                return true;
            }

            if (!Journal.Journal.IsDurable(_events.Record(TerminalEventCode.BlacklistUnchecked, (uint)_unchecked)))
            {
                return false;
            }

            _listMissingJournaled = _unchecked == BlacklistOutcome.Unavailable;
            return true;
        }

        /// <summary>Journals a refusal worth the backend's attention: a <see cref="RefusalCode"/> or the fare engine's reason.</summary>
        private void Report(int code)
        {
            StartRecord(TxKind.Refusal);
            _record.Reason = code;
            _journal.Append(_record);
        }

        private void StartRecord(TxKind kind)
        {
            _record.Clear();
            _record.Kind = kind;
            _record.Timestamp = (uint)_clock.UtcUnixSeconds;
            _record.SetCard(_card.Uid.Bytes, 0, _card.Uid.Length);
            _record.Route = kind == TxKind.LoadApplied || kind == TxKind.LoadAbandoned ? 0 : _config.RouteId;
            _record.Concession = _session.Identity.CardType & 0x7;
        }

        private TapOutcome Refuse(ShownRefusal reason)
        {
            Status = TerminalStatus.Refused(reason);
            return TapOutcome.Refused;
        }

        private TapOutcome TapAgain()
        {
            Status = TerminalStatus.Refused(ShownRefusal.TapAgain);
            return TapOutcome.TapAgain;
        }
    }
}
