namespace Terminal.Drivers.Scanner
{
    /// <summary>
    /// The check of the scanner module's zone commands: CRC-16/CCITT with polynomial 0x1021,
    /// preset 0, most significant bit first, no final XOR (the XMODEM variant), over every byte
    /// after the two-byte head, sent high byte first. The manual's examples fix it: write 0x3E
    /// to zone 0x000A is <c>7E 00 08 01 00 0A 3E 4C CF</c>; the ack is <c>02 00 00 01 00 33 31</c>.
    /// </summary>
    public static class ZoneCrc
    {
        public static int Compute(byte[] data, int offset, int count)
        {
            int crc = 0;
            for (int i = offset; i < offset + count; i++)
            {
                crc ^= data[i] << 8;
                for (int bit = 0; bit < 8; bit++)
                {
                    crc = (crc & 0x8000) != 0 ? (crc << 1) ^ 0x1021 : crc << 1;
                }

                crc &= 0xFFFF;
            }

            return crc;
        }
    }
}
