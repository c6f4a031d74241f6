using System;
using Terminal.Drivers.Hal;

namespace Terminal.Drivers.Indicators
{
    /// <summary>
    /// One display row built from UTF-8 pieces in a preallocated buffer and cut to the
    /// display's width in characters, never in the middle of one.
    /// </summary>
    public sealed class DisplayRow
    {
        /// <summary>UTF-8 needs at most four bytes per character.</summary>
        private const int MaxBytesPerCharacter = 4;

        private readonly byte[] _bytes;
        private readonly byte[] _amount = new byte[MoneyFormat.MaxLength];
        private readonly int _columns;
        private int _length;

        public DisplayRow(int columns)
        {
            _columns = columns;
            _bytes = new byte[columns * MaxBytesPerCharacter];
        }

        public void Clear()
        {
            _length = 0;
        }

        public void Append(byte[] utf8)
        {
            Append(utf8, 0, utf8.Length);
        }

        public void AppendSpace()
        {
            if (_length < _bytes.Length)
            {
                _bytes[_length++] = (byte)' ';
            }
        }

        /// <summary>Appends a space and <paramref name="utf8"/> when both fit the row's columns, else nothing.</summary>
        public void AppendWordIfItFits(byte[] utf8)
        {
            if (Characters(_bytes, _length) + 1 + Characters(utf8, utf8.Length) <= _columns)
            {
                AppendSpace();
                Append(utf8);
            }
        }

        public void AppendAmount(long minorUnits, int fractionDigits, byte decimalSeparator)
        {
            int count = MoneyFormat.Write(minorUnits, fractionDigits, decimalSeparator, _amount, 0);
            Append(_amount, 0, count);
        }

        /// <summary>UTF-8 characters in the first <paramref name="length"/> bytes: every byte but continuation bytes starts one.</summary>
        private static int Characters(byte[] utf8, int length)
        {
            int characters = 0;
            for (int i = 0; i < length; i++)
            {
                if ((utf8[i] & 0xC0) != 0x80)
                {
                    characters++;
                }
            }

            return characters;
        }

        public void WriteTo(ITextDisplay display, int row)
        {
            display.WriteRow(row, _bytes, 0, Utf8Encoder.PrefixLength(_bytes, 0, _length, _columns));
        }

        private void Append(byte[] utf8, int offset, int count)
        {
            int room = _bytes.Length - _length;
            int taken = count < room ? count : room;
            Array.Copy(utf8, offset, _bytes, _length, taken);
            _length += taken;
        }
    }
}
