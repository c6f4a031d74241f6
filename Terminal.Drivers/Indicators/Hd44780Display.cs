using Terminal.Drivers.Hal;

namespace Terminal.Drivers.Indicators
{
    /// <summary>
    /// A 16x2 (or 20x4) HD44780 character LCD behind a PCF8574 I2C backpack (docs/hardware.md), driven in
    /// 4-bit mode. Backpack bits: P0 RS, P1 RW, P2 E, P3 backlight, P4..P7 D4..D7. Each nibble is clocked
    /// with an E high-then-low pair, so one character costs four I2C bytes in one write.
    /// </summary>
    public sealed class Hd44780Display : ITextDisplay
    {
        private const byte RegisterSelect = 0x01;
        private const byte Enable = 0x04;
        private const byte Backlight = 0x08;
        private const byte SetDdramAddress = 0x80;
        private const byte Unprintable = (byte)'?';
        private static readonly byte[] RowAddresses = new byte[] { 0x00, 0x40, 0x14, 0x54 };

        private readonly II2cDevice _device;
        private readonly IClock _clock;
        private readonly byte[] _frame;

        public Hd44780Display(II2cDevice device, IClock clock, int rows, int columns)
        {
            _device = device;
            _clock = clock;
            Rows = rows;
            Columns = columns;
            _frame = new byte[(columns + 1) * 4];
        }

        public int Rows { get; private set; }

        public int Columns { get; private set; }

        /// <summary>The power-on sequence that brings the controller into 4-bit mode, two lines, display on, cleared.</summary>
        public void Init()
        {
            _clock.Delay(50000);
            for (int i = 0; i < 3; i++)
            {
                Nibble(0x30, 0);
                _clock.Delay(4500);
            }

            Nibble(0x20, 0);
            Command(0x28);
            Command(0x0C);
            Command(0x01);
            _clock.Delay(2000);
            Command(0x06);
        }

        /// <summary>Writes one row, padded with spaces; characters outside ASCII show as '?' (the controller's ROM has no UTF-8).</summary>
        public void WriteRow(int row, byte[] utf8, int offset, int count)
        {
            int length = 0;
            length = Put(SetDdramAddress | RowAddresses[row], 0, length);
            int written = 0;
            for (int i = offset; i < offset + count && written < Columns; i++)
            {
                byte b = utf8[i];
                if (b >= 0x80 && (b & 0xC0) == 0x80)
                {
                    continue;
                }

                length = Put(b >= 0x20 && b < 0x7F ? b : Unprintable, RegisterSelect, length);
                written++;
            }

            for (; written < Columns; written++)
            {
                length = Put((byte)' ', RegisterSelect, length);
            }

            _device.Write(_frame, 0, length);
        }

        private void Command(byte command)
        {
            int length = Put(command, 0, 0);
            _device.Write(_frame, 0, length);
        }

        private void Nibble(byte high, byte mode)
        {
            int length = PutNibble(high, mode, 0);
            _device.Write(_frame, 0, length);
        }

        private int Put(int value, byte mode, int length)
        {
            length = PutNibble((byte)(value & 0xF0), mode, length);
            return PutNibble((byte)((value << 4) & 0xF0), mode, length);
        }

        private int PutNibble(byte high, byte mode, int length)
        {
            byte bits = (byte)(high | mode | Backlight);
            _frame[length] = (byte)(bits | Enable);
            _frame[length + 1] = bits;
            return length + 2;
        }
    }
}
