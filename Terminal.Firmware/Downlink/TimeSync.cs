using System.IO;
using Terminal.Drivers.Hal;
using Terminal.Firmware.Binary;
using Terminal.Firmware.Journal;

namespace Terminal.Firmware.Downlink
{
    /// <summary>
    /// Sets the wall clock from the backend's signed time messages. The drift rule (docs/protocol.md):
    /// <list type="bullet">
    /// <item>only a message issued after the last one applied counts (the last issued-at is kept on flash), so an
    /// old message replayed or delivered late never counts twice;</item>
    /// <item>a message is never early, only late: a clock behind its issued-at is surely behind and moves forward;</item>
    /// <item>a clock ahead moves back only for a fresh answer: the message echoes the uptime of the status it answers,
    /// and at most <see cref="FreshRoundTripSeconds"/> of this boot's uptime passed since; the clock is then set to
    /// issued-at plus half that round trip;</item>
    /// <item>differences up to <see cref="ToleranceSeconds"/> are left alone.</item>
    /// </list>
    /// At boot a clock behind the last issued-at (no RTC battery on the ESP32) is raised to it.
    /// </summary>
    public sealed class TimeSync
    {
        public const string FileName = "time.last";
        public const int ToleranceSeconds = 2;
        public const int FreshRoundTripSeconds = 10;
        private const int FileSize = 10;

        private readonly IStorage _storage;
        private readonly IClock _clock;
        private readonly ISettableClock _setter;
        private readonly byte[] _file = new byte[FileSize];

        public TimeSync(IStorage storage, IClock clock, ISettableClock setter)
        {
            _storage = storage;
            _clock = clock;
            _setter = setter;
        }

        /// <summary>The issued-at of the last time message applied; 0 before the first.</summary>
        public long LastIssuedAt { get; private set; }

        /// <summary>The clock reading before the last change, for the journal's ClockSet event.</summary>
        public long PreviousReading { get; private set; }

        /// <summary>Loads the last issued-at and raises a clock that is behind it. True when the clock was set.</summary>
        public bool Restore()
        {
            LastIssuedAt = 0;
            if (_storage.Length(FileName) != FileSize || _storage.Read(FileName, 0, _file, 0, FileSize) != FileSize
                || LittleEndian.ReadUInt16(_file, 8) != Crc16Ccitt.Compute(_file, 0, 8))
            {
                return false;
            }

            LastIssuedAt = LittleEndian.ReadInt64(_file, 0);
            return SetIfBehind(LastIssuedAt);
        }

        public bool IsStale(long issuedAt)
        {
            return issuedAt <= LastIssuedAt;
        }

        /// <summary>
        /// Applies a verified time message. Stale for an issued-at not after the last one; StorageError when the
        /// flash refused the record (nothing changed); otherwise Applied, with <paramref name="clockSet"/> telling
        /// whether the clock moved.
        /// </summary>
        public DownlinkStatus Apply(long issuedAt, uint echoedUptimeSeconds, out bool clockSet)
        {
            clockSet = false;
            if (IsStale(issuedAt))
            {
                return DownlinkStatus.Stale;
            }

            LittleEndian.WriteUInt64(_file, 0, (ulong)issuedAt);
            LittleEndian.WriteUInt16(_file, 8, Crc16Ccitt.Compute(_file, 0, 8));
            try
            {
                _storage.Replace(FileName, _file, 0, FileSize);
            }
            catch (IOException)
            {
                return DownlinkStatus.StorageError;
            }

            LastIssuedAt = issuedAt;
            long uptime = _clock.MonotonicMicroseconds / 1000000;
            bool fresh = echoedUptimeSeconds != TimeBody.NoEcho && echoedUptimeSeconds <= uptime
                && uptime - echoedUptimeSeconds <= FreshRoundTripSeconds;
            if (!fresh)
            {
                clockSet = SetIfBehind(issuedAt);
                return DownlinkStatus.Applied;
            }

            long target = issuedAt + ((uptime - echoedUptimeSeconds) / 2);
            long now = _clock.UtcUnixSeconds;
            if (target - now > ToleranceSeconds || now - target > ToleranceSeconds)
            {
                Set(target);
                clockSet = true;
            }

            return DownlinkStatus.Applied;
        }

        private bool SetIfBehind(long floor)
        {
            if (floor - _clock.UtcUnixSeconds <= ToleranceSeconds)
            {
                return false;
            }

            Set(floor);
            return true;
        }

        private void Set(long unixSeconds)
        {
            PreviousReading = _clock.UtcUnixSeconds;
            _setter.SetUtcUnixSeconds(unixSeconds);
        }
    }
}
