namespace Terminal.Drivers.Scanner
{
    /// <summary>
    /// Frames of the zone-bit protocol spoken by the GM65/GM805 family of scanner modules
    /// (Hangzhou Grow manuals, "Serial Port Instruction"). Settings live in numbered one-byte
    /// zones. A command is <c>7E 00 | type | lens | address (2, high first) | data | CRC (2)</c>;
    /// a reply is <c>02 00 | type (00 = done) | lens | data | CRC (2)</c>. The module stays silent
    /// on a bad CRC or a malformed command, so silence is the only failure signal.
    /// </summary>
    public static class ZoneCommand
    {
        public const byte CommandHead = 0x7E;
        public const byte ReplyHead = 0x02;
        public const byte HeadSecond = 0x00;

        public const byte ReadType = 0x07;
        public const byte WriteType = 0x08;

        /// <summary>Keeps the zones over a power cycle (flash write on the module).</summary>
        public const byte SaveType = 0x09;

        public const byte ReplySucceeded = 0x00;

        /// <summary>Every command this driver sends carries one data byte.</summary>
        public const int FrameLength = 9;

        /// <summary>Replies to those commands carry one data byte too.</summary>
        public const int ReplyLength = 7;

        /// <summary>Read one zone: the data byte is how many zones to read.</summary>
        public static int BuildRead(byte[] frame, int address)
        {
            return Build(frame, ReadType, address, 1);
        }

        public static int BuildWrite(byte[] frame, int address, byte value)
        {
            return Build(frame, WriteType, address, value);
        }

        public static int BuildSave(byte[] frame)
        {
            return Build(frame, SaveType, 0, 0);
        }

        /// <summary>
        /// Checks a reply of <see cref="ReplyLength"/> bytes at <paramref name="offset"/>:
        /// head, one data byte and a matching CRC. The reply's type byte is left to the caller.
        /// </summary>
        public static bool IsWellFormedReply(byte[] reply, int offset)
        {
            if (reply[offset] != ReplyHead || reply[offset + 1] != HeadSecond || reply[offset + 3] != 1)
            {
                return false;
            }

            int crc = ZoneCrc.Compute(reply, offset + 2, 3);
            return reply[offset + 5] == (byte)(crc >> 8) && reply[offset + 6] == (byte)crc;
        }

        private static int Build(byte[] frame, byte type, int address, byte data)
        {
            frame[0] = CommandHead;
            frame[1] = HeadSecond;
            frame[2] = type;
            frame[3] = 1;
            frame[4] = (byte)(address >> 8);
            frame[5] = (byte)address;
            frame[6] = data;
            int crc = ZoneCrc.Compute(frame, 2, 5);
            frame[7] = (byte)(crc >> 8);
            frame[8] = (byte)crc;
            return FrameLength;
        }
    }
}
