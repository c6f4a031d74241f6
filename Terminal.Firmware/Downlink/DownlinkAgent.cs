using Terminal.Firmware.Binary;
using Terminal.Firmware.Blacklist;
using Terminal.Firmware.Crypto;
using Terminal.Firmware.Fares;
using Terminal.Firmware.Journal;
using Terminal.Firmware.Loads;
using Terminal.Firmware.Qr;
using Terminal.Drivers.Hal;

namespace Terminal.Firmware.Downlink
{
    /// <summary>
    /// Applies the backend's config messages (<see cref="DownlinkCodec"/>): checks the framing, the addressee and
    /// whether the message is still news (cheap, before any signature work), verifies the Ed25519 signature with the
    /// key its id names, then applies it atomically and persistently, journals the activation and asks the status
    /// reporter to tell the backend the new versions. One signature verification per message: a blacklist delta
    /// message spans every version from the terminal's to the latest, so a catch-up costs one verification, not one
    /// per version (an estimated 1.5 to 9 s each on the ESP32's interpreter, docs/qr-token.md).
    /// </summary>
    public sealed class DownlinkAgent
    {
        private readonly DownlinkRouter _router;
        private readonly uint _terminalId;
        private readonly IClock _clock;
        private readonly QrKeyRing _keys;
        private readonly Ed25519Verifier _verifier;
        private readonly FareTableStore _fares;
        private readonly FareTableFiles _fareFiles;
        private readonly BlacklistStore _blacklist;
        private readonly PendingLoadList _loads;
        private readonly Journal.Journal _journal;
        private readonly KeySet _keySet;
        private readonly TimeSync _time;
        private readonly TerminalEvents _events;
        private readonly StatusReporter _status;
        private readonly DownlinkHeader _header = new DownlinkHeader();

        public DownlinkAgent(
            DownlinkRouter router, uint terminalId, IClock clock, QrKeyRing keys, Ed25519Verifier verifier, FareTableStore fares,
            FareTableFiles fareFiles, BlacklistStore blacklist, PendingLoadList loads, Journal.Journal journal, KeySet keySet, TimeSync time, TerminalEvents events, StatusReporter status)
        {
            _router = router;
            _terminalId = terminalId;
            _clock = clock;
            _keys = keys;
            _verifier = verifier;
            _fares = fares;
            _fareFiles = fareFiles;
            _blacklist = blacklist;
            _loads = loads;
            _journal = journal;
            _keySet = keySet;
            _time = time;
            _events = events;
            _status = status;
        }

        /// <summary>Messages applied.</summary>
        public int Applied { get; private set; }

        /// <summary>Messages refused for any reason but staleness.</summary>
        public int Refused { get; private set; }

        /// <summary>The outcome of the last message handled.</summary>
        public DownlinkStatus LastStatus { get; private set; }

        /// <summary>One pass from the main loop: handles at most one received config message.</summary>
        public void Step()
        {
            int length = _router.NextConfig();
            if (length < 0)
            {
                return;
            }

            Handle(_router.ConfigPayload, 0, length);
            _router.ReleaseConfig();
        }

        public DownlinkStatus Handle(byte[] message, int offset, int length)
        {
            DownlinkStatus status = Process(message, offset, length);
            LastStatus = status;
            if (status == DownlinkStatus.Applied)
            {
                Applied++;
            }
            else if (status != DownlinkStatus.Stale)
            {
                Refused++;
            }

            if (status == DownlinkStatus.Applied || status == DownlinkStatus.WrongBaseVersion)
            {
                _status.RequestSoon();
            }

            return status;
        }

        private DownlinkStatus Process(byte[] message, int offset, int length)
        {
            DownlinkStatus status = DownlinkCodec.Decode(message, offset, length, _header);
            if (status != DownlinkStatus.Ok)
            {
                return status;
            }

            if (_header.TargetTerminal != 0 && _header.TargetTerminal != _terminalId)
            {
                return DownlinkStatus.WrongTerminal;
            }

            status = CheckNews(message);
            if (status != DownlinkStatus.Ok)
            {
                return status;
            }

            Ed25519PublicKey? key = _keys.Find(_header.KeyId);
            if (key == null)
            {
                return DownlinkStatus.UnknownKey;
            }

            if (!_verifier.Verify(key, message, offset, _header.SignedLength, message, _header.SignatureOffset))
            {
                return DownlinkStatus.BadSignature;
            }

            switch (_header.Kind)
            {
                case DownlinkKind.FareTable:
                    return ApplyFareTable(message);
                case DownlinkKind.BlacklistDelta:
                    return ApplyBlacklistDelta(message);
                case DownlinkKind.BlacklistSnapshot:
                    return ApplyBlacklistSnapshot(message);
                case DownlinkKind.Keys:
                    return ApplyKeys(message);
                case DownlinkKind.PendingLoadDelta:
                    return ApplyPendingLoadDelta(message);
                case DownlinkKind.PendingLoadSnapshot:
                    return ApplyPendingLoadSnapshot(message);
                case DownlinkKind.Resend:
                    return ApplyResend(message);
                default:
                    return ApplyTime(message);
            }
        }

        /// <summary>Stale, out-of-order and ill-formed messages are refused before paying for a signature check.</summary>
        private DownlinkStatus CheckNews(byte[] message)
        {
            int body = _header.BodyOffset;
            switch (_header.Kind)
            {
                case DownlinkKind.FareTable:
                    if (_header.BodyLength < FareTableFormat.HeaderSize + FareTableFormat.SignatureSize
                        || LittleEndian.ReadUInt32(message, body + 4) != _header.ToVersion)
                    {
                        return DownlinkStatus.Malformed;
                    }

                    return _header.ToVersion <= HeldFareTableVersion(_fares) ? DownlinkStatus.Stale : DownlinkStatus.Ok;
                case DownlinkKind.BlacklistDelta:
                    if (_header.ToVersion <= _header.FromVersion
                        || !BlacklistBody.IsWellFormed(message, body, _header.BodyLength, _header.ToVersion - _header.FromVersion, false))
                    {
                        return DownlinkStatus.Malformed;
                    }

                    if (_header.ToVersion <= _blacklist.Version)
                    {
                        return DownlinkStatus.Stale;
                    }

                    return _header.FromVersion == _blacklist.Version && _blacklist.Status == BlacklistStatus.Ok
                        ? DownlinkStatus.Ok
                        : DownlinkStatus.WrongBaseVersion;
                case DownlinkKind.BlacklistSnapshot:
                    if (_header.ToVersion == 0 || !BlacklistBody.IsWellFormed(message, body, _header.BodyLength, 1, true))
                    {
                        return DownlinkStatus.Malformed;
                    }

                    return _header.ToVersion <= _blacklist.Version ? DownlinkStatus.Stale : DownlinkStatus.Ok;
                case DownlinkKind.PendingLoadDelta:
                    if (_header.ToVersion <= _header.FromVersion
                        || !PendingLoadBody.IsWellFormed(message, body, _header.BodyLength, _header.ToVersion - _header.FromVersion, false))
                    {
                        return DownlinkStatus.Malformed;
                    }

                    if (_header.ToVersion <= _loads.Version)
                    {
                        return DownlinkStatus.Stale;
                    }

                    return _header.FromVersion == _loads.Version && _loads.Status == PendingLoadStatus.Ok
                        ? DownlinkStatus.Ok
                        : DownlinkStatus.WrongBaseVersion;
                case DownlinkKind.PendingLoadSnapshot:
                    if (_header.ToVersion == 0 || !PendingLoadBody.IsWellFormed(message, body, _header.BodyLength, 1, true))
                    {
                        return DownlinkStatus.Malformed;
                    }

                    return _header.ToVersion <= _loads.Version ? DownlinkStatus.Stale : DownlinkStatus.Ok;
                case DownlinkKind.Keys:
                    if (KeySetBody.Count(message, body, _header.BodyLength) < 0)
                    {
                        return DownlinkStatus.Malformed;
                    }

                    return _header.ToVersion <= _keySet.Version ? DownlinkStatus.Stale : DownlinkStatus.Ok;
                case DownlinkKind.Resend:
                    // Sequences are per terminal, so a Resend for "any terminal" is meaningless; one from a sequence
                    // not acknowledged yet asks for nothing the upload will not send anyway.
                    if (_header.TargetTerminal != _terminalId || _header.BodyLength != ResendBody.Size || ResendBody.Read(message, body) == 0)
                    {
                        return DownlinkStatus.Malformed;
                    }

                    return ResendBody.Read(message, body) > _journal.AcknowledgedUpTo ? DownlinkStatus.Stale : DownlinkStatus.Ok;
                default:
                    if (_header.BodyLength != TimeBody.Size)
                    {
                        return DownlinkStatus.Malformed;
                    }

                    return _time.IsStale(_header.IssuedAt) ? DownlinkStatus.Stale : DownlinkStatus.Ok;
            }
        }

        private DownlinkStatus ApplyFareTable(byte[] message)
        {
            FareTableStatus loaded = _fares.Load(message, _header.BodyOffset, _header.BodyLength, _clock.UtcUnixSeconds);
            if (loaded == FareTableStatus.NotNewer)
            {
                return DownlinkStatus.Stale;
            }

            if (loaded != FareTableStatus.Loaded && loaded != FareTableStatus.Pending)
            {
                return DownlinkStatus.Refused;
            }

            // The table is in force from here on; a flash that refuses it costs only the table after a reboot,
            // and the status (which reports the older version then) brings it back.
            _fareFiles.Save(loaded, message, _header.BodyOffset, _header.BodyLength);
            _events.Record(loaded == FareTableStatus.Loaded ? TerminalEventCode.FareTableActivated : TerminalEventCode.FareTablePending, _header.ToVersion);
            return DownlinkStatus.Applied;
        }

        /// <summary>
        /// Each version step is one atomic store update; a power cut between steps leaves a complete intermediate
        /// version, which the next status reports and the backend continues from.
        /// </summary>
        private DownlinkStatus ApplyBlacklistDelta(byte[] message)
        {
            int end = _header.BodyOffset + _header.BodyLength;
            int at = _header.BodyOffset;
            DownlinkStatus outcome = DownlinkStatus.Applied;
            uint start = _blacklist.Version;
            for (uint version = _header.FromVersion; version < _header.ToVersion; version++)
            {
                BlacklistChanges changes = new BlacklistChanges();
                at = BlacklistBody.ReadSection(message, at, end, false, changes);
                BlacklistStatus applied = _blacklist.ApplyDelta(version, changes);
                if (applied != BlacklistStatus.Ok)
                {
                    outcome = StatusOf(applied);
                    break;
                }
            }

            if (_blacklist.Version != start)
            {
                _blacklist.CompactIfNeeded();
                _events.Record(TerminalEventCode.BlacklistActivated, _blacklist.Version);
            }

            return outcome;
        }

        private DownlinkStatus ApplyBlacklistSnapshot(byte[] message)
        {
            BlacklistChanges listings = new BlacklistChanges();
            BlacklistBody.ReadSection(message, _header.BodyOffset, _header.BodyOffset + _header.BodyLength, true, listings);
            BlacklistStatus loaded = _blacklist.LoadSnapshot(_header.ToVersion, listings);
            if (loaded != BlacklistStatus.Ok)
            {
                return StatusOf(loaded);
            }

            _events.Record(TerminalEventCode.BlacklistActivated, _header.ToVersion);
            return DownlinkStatus.Applied;
        }

        /// <summary>Each version step is one atomic replace of the list file, as for the blacklist's steps.</summary>
        private DownlinkStatus ApplyPendingLoadDelta(byte[] message)
        {
            int end = _header.BodyOffset + _header.BodyLength;
            int at = _header.BodyOffset;
            uint start = _loads.Version;
            DownlinkStatus outcome = DownlinkStatus.Applied;
            for (uint version = _header.FromVersion; version < _header.ToVersion; version++)
            {
                PendingLoadChanges changes = new PendingLoadChanges();
                at = PendingLoadBody.ReadSection(message, at, end, false, changes);
                PendingLoadStatus applied = _loads.ApplyDelta(version, changes);
                if (applied != PendingLoadStatus.Ok)
                {
                    outcome = StatusOf(applied);
                    break;
                }
            }

            if (_loads.Version != start)
            {
                _events.Record(TerminalEventCode.PendingLoadsActivated, _loads.Version);
            }

            return outcome;
        }

        private DownlinkStatus ApplyPendingLoadSnapshot(byte[] message)
        {
            PendingLoadChanges entries = new PendingLoadChanges();
            PendingLoadBody.ReadSection(message, _header.BodyOffset, _header.BodyOffset + _header.BodyLength, true, entries);
            PendingLoadStatus loaded = _loads.LoadSnapshot(_header.ToVersion, entries);
            if (loaded != PendingLoadStatus.Ok)
            {
                return StatusOf(loaded);
            }

            _events.Record(TerminalEventCode.PendingLoadsActivated, _header.ToVersion);
            return DownlinkStatus.Applied;
        }

        private DownlinkStatus ApplyKeys(byte[] message)
        {
            DownlinkStatus status = _keySet.Apply(_header.ToVersion, message, _header.BodyOffset, _header.BodyLength);
            if (status == DownlinkStatus.Applied)
            {
                _events.Record(TerminalEventCode.KeysActivated, _header.ToVersion);
            }

            return status;
        }

        /// <summary>
        /// Rewinds the journal (one state-file replace); the sync agent sees the rewind at its next step and uploads
        /// again from there. Records already reclaimed are gone: the journal rewinds to its oldest, and the status that
        /// follows shows the backend how far back it went.
        /// </summary>
        private DownlinkStatus ApplyResend(byte[] message)
        {
            JournalStatus rewound = _journal.Rewind(ResendBody.Read(message, _header.BodyOffset));
            if (rewound != JournalStatus.Ok && rewound != JournalStatus.RewindBeyondRetained)
            {
                return DownlinkStatus.StorageError;
            }

            _events.Record(TerminalEventCode.JournalRewound, _journal.AcknowledgedUpTo + 1);
            return DownlinkStatus.Applied;
        }

        private DownlinkStatus ApplyTime(byte[] message)
        {
            bool clockSet;
            DownlinkStatus status = _time.Apply(_header.IssuedAt, TimeBody.Read(message, _header.BodyOffset), out clockSet);
            if (clockSet)
            {
                _events.Record(TerminalEventCode.ClockSet, (uint)_time.PreviousReading);
            }

            return status;
        }

        /// <summary>The newest table the store holds, waiting or in force; 0 for none.</summary>
        public static uint HeldFareTableVersion(FareTableStore fares)
        {
            FareTable? pending = fares.Pending;
            if (pending != null)
            {
                return pending.Version;
            }

            FareTable? current = fares.Current;
            return current == null ? 0 : current.Version;
        }

        private static DownlinkStatus StatusOf(PendingLoadStatus status)
        {
            switch (status)
            {
                case PendingLoadStatus.WrongBaseVersion:
                    return DownlinkStatus.WrongBaseVersion;
                case PendingLoadStatus.StorageFull:
                    return DownlinkStatus.StorageError;
                default:
                    return DownlinkStatus.Refused;
            }
        }

        private static DownlinkStatus StatusOf(BlacklistStatus status)
        {
            switch (status)
            {
                case BlacklistStatus.WrongBaseVersion:
                case BlacklistStatus.NotLoaded:
                    return DownlinkStatus.WrongBaseVersion;
                case BlacklistStatus.StorageFull:
                    return DownlinkStatus.StorageError;
                default:
                    return DownlinkStatus.Refused;
            }
        }
    }
}
