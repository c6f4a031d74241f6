using Terminal.Drivers.Hal;

namespace Terminal.Drivers.Mfrc522
{
    /// <summary>
    /// MFRC522 SPI framing (datasheet §8.1.2) over preallocated buffers: one chip-select period per
    /// call, bursts included, so a FIFO fill or drain costs one transaction and no allocation.
    /// </summary>
    internal sealed class Mfrc522Bus
    {
        /// <summary>A full FIFO plus the address byte.</summary>
        public const int MaxBurst = 65;

        private readonly ISpiDevice _spi;
        private readonly byte[] _out = new byte[MaxBurst];
        private readonly byte[] _in = new byte[MaxBurst];

        public Mfrc522Bus(ISpiDevice spi)
        {
            _spi = spi;
        }

        public static byte ReadAddress(byte register)
        {
            return (byte)(0x80 | (register << 1));
        }

        public byte Read(byte register)
        {
            _out[0] = ReadAddress(register);
            _out[1] = 0;
            _spi.Transfer(_out, 0, _in, 0, 2);
            return _in[1];
        }

        public void Write(byte register, byte value)
        {
            _out[0] = (byte)(register << 1);
            _out[1] = value;
            _spi.Transfer(_out, 0, _in, 0, 2);
        }

        /// <summary>Every byte goes to the same register: this is how the FIFO is filled.</summary>
        public void WriteBurst(byte register, byte[] data, int offset, int count)
        {
            _out[0] = (byte)(register << 1);
            System.Array.Copy(data, offset, _out, 1, count);
            _spi.Transfer(_out, 0, _in, 0, count + 1);
        }

        /// <summary>Reads one register <paramref name="count"/> times in one transaction: this drains the FIFO.</summary>
        public void ReadRepeated(byte register, byte[] destination, int offset, int count)
        {
            byte address = ReadAddress(register);
            for (int i = 0; i < count; i++)
            {
                _out[i] = address;
            }

            _out[count] = 0;
            _spi.Transfer(_out, 0, _in, 0, count + 1);
            System.Array.Copy(_in, 1, destination, offset, count);
        }

        /// <summary>Reads several registers in one transaction; <paramref name="addresses"/> holds read address bytes.</summary>
        public void ReadSequence(byte[] addresses, byte[] values)
        {
            int count = addresses.Length;
            System.Array.Copy(addresses, 0, _out, 0, count);
            _out[count] = 0;
            _spi.Transfer(_out, 0, _in, 0, count + 1);
            System.Array.Copy(_in, 1, values, 0, count);
        }
    }
}
