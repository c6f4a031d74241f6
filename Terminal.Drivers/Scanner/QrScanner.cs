using System;
using Terminal.Drivers.Hal;

namespace Terminal.Drivers.Scanner
{
    /// <summary>
    /// Frames the bytes a serial QR scanner sends into codes. Codes stay bytes (a nano string
    /// drops an embedded NUL and UTF-8 decoding throws on bad input), and one preallocated
    /// buffer holds them, so framing allocates nothing per code. Any bad code (too long, line
    /// noise, cut short) is discarded whole and reported once; framing then resyncs at the
    /// next terminator or quiet gap.
    /// </summary>
    public sealed class QrScanner
    {
        /// <summary>Room for a signed QR token with its encoding overhead.</summary>
        public const int DefaultMaxCodeLength = 512;

        /// <summary>
        /// 50 ms: a module sends a code in one burst (about 1 ms per byte at 9600 baud), so this
        /// much silence inside a code means the code ended or was cut.
        /// </summary>
        public const int DefaultGapMicroseconds = 50000;

        private const byte CarriageReturn = 0x0D;
        private const byte LineFeed = 0x0A;
        private const byte FirstPrintable = 0x20;
        private const byte LastPrintable = 0x7E;
        private const int ChunkSize = 64;

        private readonly ISerialPort _port;
        private readonly IClock _clock;
        private readonly CodeTerminator _terminator;
        private readonly int _gapMicroseconds;
        private readonly byte[] _code;
        private readonly byte[] _chunk = new byte[ChunkSize];
        private int _chunkPosition;
        private int _chunkLength;
        private int _length;
        private int _codeLength;
        private ScanStatus _discardReason = ScanStatus.None;
        private bool _awaitingLineFeed;
        private long _lastByteMicroseconds;

        /// <param name="gapMicroseconds">
        /// With <see cref="CodeTerminator.IdleGap"/>, the silence that ends a code; with a
        /// terminator byte, the silence after which a code without its terminator is dropped.
        /// </param>
        public QrScanner(ISerialPort port, IClock clock, CodeTerminator terminator, int maxCodeLength, int gapMicroseconds)
        {
            if (port == null || clock == null)
            {
                throw new ArgumentNullException(port == null ? nameof(port) : nameof(clock));
            }

            if (maxCodeLength < 1)
            {
                throw new ArgumentOutOfRangeException(nameof(maxCodeLength));
            }

            if (gapMicroseconds < 1)
            {
                throw new ArgumentOutOfRangeException(nameof(gapMicroseconds));
            }

            _port = port;
            _clock = clock;
            _terminator = terminator;
            _gapMicroseconds = gapMicroseconds;
            _code = new byte[maxCodeLength];
        }

        public QrScanner(ISerialPort port, IClock clock, CodeTerminator terminator)
            : this(port, clock, terminator, DefaultMaxCodeLength, DefaultGapMicroseconds)
        {
        }

        /// <summary>The last code's bytes; valid from a <see cref="ScanStatus.Code"/> result until the next poll.</summary>
        public byte[] Code
        {
            get { return _code; }
        }

        public int CodeLength
        {
            get { return _codeLength; }
        }

        public int MaxCodeLength
        {
            get { return _code.Length; }
        }

        public CodeTerminator Terminator
        {
            get { return _terminator; }
        }

        /// <summary>
        /// Call from the main loop. Handles at most one read from the port and returns at the
        /// first complete result; bytes after it wait for the next call.
        /// </summary>
        public ScanStatus Poll()
        {
            if (_chunkPosition == _chunkLength)
            {
                _chunkPosition = 0;
                _chunkLength = _port.Read(_chunk, 0, _chunk.Length);
                long now = _clock.MonotonicMicroseconds;
                if (_chunkLength <= 0)
                {
                    _chunkLength = 0;
                    return CheckGap(now);
                }

                _lastByteMicroseconds = now;
            }

            while (_chunkPosition < _chunkLength)
            {
                ScanStatus status = Accept(_chunk[_chunkPosition++]);
                if (status != ScanStatus.None)
                {
                    return status;
                }
            }

            return ScanStatus.None;
        }

        /// <summary>Forgets a partly received code and unread bytes, e.g. after the module was reconfigured.</summary>
        public void Reset()
        {
            _chunkPosition = 0;
            _chunkLength = 0;
            StartNextCode();
        }

        private ScanStatus Accept(byte value)
        {
            if (_awaitingLineFeed)
            {
                _awaitingLineFeed = false;
                if (value == LineFeed)
                {
                    return EndCode();
                }

                Discard(ScanStatus.Noise);
            }

            if (IsTerminatorByte(value))
            {
                if (_terminator == CodeTerminator.CarriageReturnLineFeed)
                {
                    _awaitingLineFeed = true;
                    return ScanStatus.None;
                }

                return EndCode();
            }

            if (value < FirstPrintable || value > LastPrintable)
            {
                Discard(ScanStatus.Noise);
                return ScanStatus.None;
            }

            if (_discardReason != ScanStatus.None)
            {
                return ScanStatus.None;
            }

            if (_length == _code.Length)
            {
                Discard(ScanStatus.Overflow);
                return ScanStatus.None;
            }

            _code[_length++] = value;
            return ScanStatus.None;
        }

        private bool IsTerminatorByte(byte value)
        {
            switch (_terminator)
            {
                case CodeTerminator.CarriageReturn:
                case CodeTerminator.CarriageReturnLineFeed:
                    return value == CarriageReturn;
                case CodeTerminator.LineFeed:
                    return value == LineFeed;
                default:
                    return false;
            }
        }

        private ScanStatus CheckGap(long now)
        {
            bool partial = _length > 0 || _discardReason != ScanStatus.None || _awaitingLineFeed;
            if (!partial || now - _lastByteMicroseconds < _gapMicroseconds)
            {
                return ScanStatus.None;
            }

            if (_terminator == CodeTerminator.IdleGap)
            {
                return EndCode();
            }

            ScanStatus status = _discardReason != ScanStatus.None ? _discardReason : ScanStatus.Incomplete;
            StartNextCode();
            return status;
        }

        private ScanStatus EndCode()
        {
            ScanStatus status = _discardReason;
            if (status == ScanStatus.None && _length > 0)
            {
                _codeLength = _length;
                status = ScanStatus.Code;
            }

            StartNextCode();
            return status;
        }

        /// <summary>The first reason a code went bad is the one reported.</summary>
        private void Discard(ScanStatus reason)
        {
            if (_discardReason == ScanStatus.None)
            {
                _discardReason = reason;
            }
        }

        private void StartNextCode()
        {
            _length = 0;
            _discardReason = ScanStatus.None;
            _awaitingLineFeed = false;
        }
    }
}
