using System;
using Terminal.Drivers.Hal;

namespace Terminal.Drivers.Scanner
{
    /// <summary>
    /// Configures the scanner module over its serial line with zone commands. It waits for each
    /// reply (polling the port, sleeping through <see cref="IClock.Delay"/>), so use it at boot
    /// or when the terminal changes service state, never on the tap path. Bytes that are not a
    /// reply (a code scanned meanwhile) are skipped; call <see cref="QrScanner.Reset"/> afterwards.
    /// </summary>
    public sealed class ScannerSetup
    {
        /// <summary>The manual drops a command whose bytes are more than 400 ms apart; a reply is far quicker.</summary>
        public const int DefaultReplyTimeoutMicroseconds = 500000;

        private const int PollIntervalMicroseconds = 2000;

        private readonly ISerialPort _port;
        private readonly IClock _clock;
        private readonly ScannerCommandTable _table;
        private readonly int _replyTimeoutMicroseconds;
        private readonly byte[] _frame = new byte[ZoneCommand.FrameLength];
        private readonly byte[] _reply = new byte[ZoneCommand.ReplyLength];
        private readonly byte[] _one = new byte[1];

        public ScannerSetup(ISerialPort port, IClock clock, ScannerCommandTable table, int replyTimeoutMicroseconds)
        {
            if (port == null || clock == null || table == null)
            {
                throw new ArgumentNullException(port == null ? nameof(port) : clock == null ? nameof(clock) : nameof(table));
            }

            _port = port;
            _clock = clock;
            _table = table;
            _replyTimeoutMicroseconds = replyTimeoutMicroseconds;
        }

        public ScannerSetup(ISerialPort port, IClock clock, ScannerCommandTable table)
            : this(port, clock, table, DefaultReplyTimeoutMicroseconds)
        {
        }

        public CommandStatus EnableScanning()
        {
            return Apply(_table.ScanningOn);
        }

        public CommandStatus DisableScanning()
        {
            return Apply(_table.ScanningOff);
        }

        /// <summary>Makes the module end codes the way the <see cref="QrScanner"/> expects.</summary>
        public CommandStatus SetTerminator(CodeTerminator terminator)
        {
            return Apply(_table.SuffixFor(terminator));
        }

        /// <summary>
        /// Writes the zones to the module's flash. Settings applied at every boot need no save,
        /// and each save wears the module's flash, so call it only on a one-time provisioning.
        /// </summary>
        public CommandStatus Save()
        {
            ZoneCommand.BuildSave(_frame);
            byte unused;
            return Exchange(out unused);
        }

        public CommandStatus ReadZone(int address, out byte value)
        {
            ZoneCommand.BuildRead(_frame, address);
            return Exchange(out value);
        }

        public CommandStatus WriteZone(int address, byte value)
        {
            ZoneCommand.BuildWrite(_frame, address, value);
            byte unused;
            return Exchange(out unused);
        }

        /// <summary>Read, change the masked bits, write back; a zone already right is not written.</summary>
        public CommandStatus Apply(ZoneSetting? setting)
        {
            if (setting == null)
            {
                return CommandStatus.Unsupported;
            }

            byte zone;
            CommandStatus status = ReadZone(setting.Address, out zone);
            if (status != CommandStatus.Ok || setting.IsSetIn(zone))
            {
                return status;
            }

            return WriteZone(setting.Address, setting.ApplyTo(zone));
        }

        private CommandStatus Exchange(out byte data)
        {
            data = 0;
            _port.Write(_frame, 0, ZoneCommand.FrameLength);
            if (!ReceiveReply())
            {
                return CommandStatus.NoReply;
            }

            if (!ZoneCommand.IsWellFormedReply(_reply, 0))
            {
                return CommandStatus.BadReply;
            }

            if (_reply[2] != ZoneCommand.ReplySucceeded)
            {
                return CommandStatus.Refused;
            }

            data = _reply[4];
            return CommandStatus.Ok;
        }

        /// <summary>Hunts for the two head bytes, then takes the rest of a one-data-byte reply.</summary>
        private bool ReceiveReply()
        {
            long deadline = _clock.MonotonicMicroseconds + _replyTimeoutMicroseconds;
            int filled = 0;
            while (filled < ZoneCommand.ReplyLength)
            {
                if (_clock.MonotonicMicroseconds >= deadline)
                {
                    return false;
                }

                if (_port.Read(_one, 0, 1) != 1)
                {
                    _clock.Delay(PollIntervalMicroseconds);
                    continue;
                }

                byte value = _one[0];
                if (filled == 0 && value != ZoneCommand.ReplyHead)
                {
                    continue;
                }

                if (filled == 1 && value != ZoneCommand.HeadSecond)
                {
                    filled = value == ZoneCommand.ReplyHead ? 1 : 0;
                    continue;
                }

                _reply[filled++] = value;
            }

            return true;
        }
    }
}
