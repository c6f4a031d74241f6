using System;

namespace Terminal.NanoTests
{
    /// <summary>The example fare table of docs/fares.md as it travels: its 185 documented signed bytes and a 64-byte signature slot.</summary>
    public static class ExampleFareTableBytes
    {
        private const string SignedPart =
            "46 54 01 00 07 00 00 00 00 b9 55 69 00 00 00 00 80 ec 36 6b 00 00 00 00 01 00 3c 00 b4 00 02 02"
            + "10 0e 00 00 3c 00 00 00 0a 00 00 00 f4 01 00 00 03 00 02 04 02 00 00 00 65 6e 66 72 0a 00 00 fa"
            + "00 00 00 14 00 00 90 01 00 00 1e 00 01 00 00 00 00 c8 00 00 00 2c 01 00 00 2c 01 00 00 c8 00 00"
            + "00 00 00 00 00 00 00 20 03 00 00 01 01 32 00 00 00 90 01 00 00 02 02 64 00 00 00 58 02 00 00 04"
            + "03 00 00 00 00 00 00 00 00 80 cb 1c 6a 00 00 00 00 00 1d 1e 6a 00 00 00 00 ff ff ff 01 64 00 00"
            + "00 80 cb 1c 6a 00 00 00 00 80 58 44 6a 00 00 00 00 14 00 ff 03 96 00 00 00";

        /// <summary>The table's bytes followed by a zero signature: the parser reads it, only the store verifies it.</summary>
        public static byte[] Wire()
        {
            byte[] signed = Hex.Bytes(SignedPart);
            var wire = new byte[signed.Length + 64];
            Array.Copy(signed, wire, signed.Length);
            return wire;
        }
    }
}
