using Terminal.Drivers.Hal;
using Terminal.Drivers.Indicators;
using Terminal.Drivers.Scanner;
using Terminal.Firmware.Fares;
using Terminal.Firmware.Journal;
using Terminal.Firmware.Qr;
using ShownRefusal = Terminal.Drivers.Indicators.RefusalReason;

namespace Terminal.Firmware.Tap
{
    /// <summary>
    /// A QR ride token shown to the scanner: framed from the serial line, verified offline (signature, validity,
    /// one use), priced by the same fare engine as a card, journaled, shown. The account is charged by the
    /// backend when the journal arrives, so the terminal prices it as a fresh trip with the token's concession;
    /// caps and transfers across an account's rides are the backend's to apply.
    /// </summary>
    public sealed class QrScanProcessor
    {
        private const int MaxConcession = 4;
        private const int PostpaidBalance = 0x7FFFFF;

        private readonly QrScanner _scanner;
        private readonly QrTokenVerifier _verifier;
        private readonly FareTableStore _fares;
        private readonly Journal.Journal _journal;
        private readonly IClock _clock;
        private readonly TerminalConfig _config;
        private readonly TripState _trip = new TripState();
        private readonly TapContext _context = new TapContext();
        private readonly FareDecision _decision = new FareDecision();
        private readonly TxRecord _record = new TxRecord();

        public QrScanProcessor(QrScanner scanner, QrTokenVerifier verifier, FareTableStore fares, Journal.Journal journal, IClock clock, TerminalConfig config)
        {
            _scanner = scanner;
            _verifier = verifier;
            _fares = fares;
            _journal = journal;
            _clock = clock;
            _config = config;
            Status = TerminalStatus.Ready();
        }

        public TerminalStatus Status { get; private set; }

        /// <summary>The verdict on the last code that framed.</summary>
        public QrTokenStatus TokenStatus { get; private set; }

        /// <summary>One look at the scanner; NoCard while no whole code has arrived.</summary>
        public TapOutcome Poll()
        {
            ScanStatus scanned = _scanner.Poll();
            if (scanned == ScanStatus.None || scanned == ScanStatus.Incomplete)
            {
                return TapOutcome.NoCard;
            }

            if (scanned != ScanStatus.Code)
            {
                TokenStatus = QrTokenStatus.Malformed;
                return Refuse(ShownRefusal.InvalidCode);
            }

            TokenStatus = _verifier.Verify(_scanner.Code, 0, _scanner.CodeLength);
            switch (TokenStatus)
            {
                case QrTokenStatus.Ok:
                    return Price();
                case QrTokenStatus.Expired:
                case QrTokenStatus.NotYetValid:
                    Report((int)RefusalCode.TokenExpired);
                    return Refuse(ShownRefusal.ExpiredCode);
                case QrTokenStatus.Replayed:
                    Report((int)RefusalCode.TokenReplayed);
                    return Refuse(ShownRefusal.AlreadyUsed);
                case QrTokenStatus.BadSignature:
                    Report((int)RefusalCode.TokenBadSignature);
                    return Refuse(ShownRefusal.InvalidCode);
                default:
                    return Refuse(ShownRefusal.InvalidCode);
            }
        }

        private TapOutcome Price()
        {
            QrToken token = _verifier.Token;
            long now = _clock.UtcUnixSeconds;
            _trip.CardType = (CardType)(token.Concession <= MaxConcession ? token.Concession : 0);
            _trip.Balance = PostpaidBalance;
            _trip.LastBoardingTime = 0;
            _trip.JourneyStartTime = 0;
            _trip.JourneyFare = 0;
            _trip.TransfersUsed = 0;
            _trip.ServiceDay = 0;
            _trip.ChargedToday = 0;
            _trip.LastRouteId = 0;
            _trip.LastZone = 0;
            _trip.LastTerminalId = 0;
            _config.Describe(_context, now);
            _context.CardExpired = false;
            FareEngine.Price(_fares.Current, _trip, _context, _decision);
            if (_decision.Outcome == FareOutcome.Refused)
            {
                return Refuse(FareRefusals.Shown(_decision.Reason));
            }

            StartRecord(TxKind.QrAccepted);
            _record.Amount = _decision.Amount;
            _record.Product = (int)_decision.Outcome;
            if (!Journal.Journal.IsDurable(_journal.Append(_record)))
            {
                return Refuse(ShownRefusal.ServiceNeeded);
            }

            // Only now is the ride paid for: a refused or unjournaled fare leaves the passenger's code usable.
            _verifier.MarkUsed();
            Status = TerminalStatus.AcceptedWithoutBalance(_decision.Amount);
            return TapOutcome.Accepted;
        }

        private void Report(int code)
        {
            StartRecord(TxKind.Refusal);
            _record.Reason = code;
            _journal.Append(_record);
        }

        private void StartRecord(TxKind kind)
        {
            QrToken token = _verifier.Token;
            _record.Clear();
            _record.Kind = kind;
            _record.Timestamp = (uint)_clock.UtcUnixSeconds;
            _record.SetQr((uint)token.AccountId, (ulong)token.TokenId);
            _record.Route = _config.RouteId;
            _record.Concession = token.Concession & 0x7;
        }

        private TapOutcome Refuse(ShownRefusal reason)
        {
            Status = TerminalStatus.Refused(reason);
            return TapOutcome.Refused;
        }
    }
}
