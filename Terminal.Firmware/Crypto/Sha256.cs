namespace Terminal.Firmware.Crypto
{
    /// <summary>
    /// SHA-256 (FIPS 180-4), incremental. All state is allocated once in the constructor,
    /// so hashing on the tap path allocates nothing: Reset, Update as often as needed, Final.
    /// </summary>
    public sealed class Sha256
    {
        public const int HashSize = 32;
        public const int BlockSize = 64;

        private static readonly uint[] RoundConstants =
        {
            0x428A2F98, 0x71374491, 0xB5C0FBCF, 0xE9B5DBA5, 0x3956C25B, 0x59F111F1, 0x923F82A4, 0xAB1C5ED5,
            0xD807AA98, 0x12835B01, 0x243185BE, 0x550C7DC3, 0x72BE5D74, 0x80DEB1FE, 0x9BDC06A7, 0xC19BF174,
            0xE49B69C1, 0xEFBE4786, 0x0FC19DC6, 0x240CA1CC, 0x2DE92C6F, 0x4A7484AA, 0x5CB0A9DC, 0x76F988DA,
            0x983E5152, 0xA831C66D, 0xB00327C8, 0xBF597FC7, 0xC6E00BF3, 0xD5A79147, 0x06CA6351, 0x14292967,
            0x27B70A85, 0x2E1B2138, 0x4D2C6DFC, 0x53380D13, 0x650A7354, 0x766A0ABB, 0x81C2C92E, 0x92722C85,
            0xA2BFE8A1, 0xA81A664B, 0xC24B8B70, 0xC76C51A3, 0xD192E819, 0xD6990624, 0xF40E3585, 0x106AA070,
            0x19A4C116, 0x1E376C08, 0x2748774C, 0x34B0BCB5, 0x391C0CB3, 0x4ED8AA4A, 0x5B9CCA4F, 0x682E6FF3,
            0x748F82EE, 0x78A5636F, 0x84C87814, 0x8CC70208, 0x90BEFFFA, 0xA4506CEB, 0xBEF9A3F7, 0xC67178F2,
        };

        private readonly uint[] _state = new uint[8];
        private readonly uint[] _schedule = new uint[64];
        private readonly byte[] _block = new byte[BlockSize];
        private int _blockFill;
        private long _totalBytes;

        public Sha256()
        {
            Reset();
        }

        public void Reset()
        {
            _state[0] = 0x6A09E667;
            _state[1] = 0xBB67AE85;
            _state[2] = 0x3C6EF372;
            _state[3] = 0xA54FF53A;
            _state[4] = 0x510E527F;
            _state[5] = 0x9B05688C;
            _state[6] = 0x1F83D9AB;
            _state[7] = 0x5BE0CD19;
            _blockFill = 0;
            _totalBytes = 0;
        }

        public void Update(byte[] data, int offset, int count)
        {
            _totalBytes += count;
            while (count > 0)
            {
                if (_blockFill == 0 && count >= BlockSize)
                {
                    Compress(data, offset);
                    offset += BlockSize;
                    count -= BlockSize;
                    continue;
                }

                int take = BlockSize - _blockFill;
                if (take > count)
                {
                    take = count;
                }

                System.Array.Copy(data, offset, _block, _blockFill, take);
                _blockFill += take;
                offset += take;
                count -= take;
                if (_blockFill == BlockSize)
                {
                    Compress(_block, 0);
                    _blockFill = 0;
                }
            }
        }

        /// <summary>Continues from where <paramref name="source"/> stands, e.g. a saved state after a fixed prefix.</summary>
        public void CopyFrom(Sha256 source)
        {
            System.Array.Copy(source._state, _state, 8);
            System.Array.Copy(source._block, _block, source._blockFill);
            _blockFill = source._blockFill;
            _totalBytes = source._totalBytes;
        }

        /// <summary>Pads, writes the 32-byte digest at <paramref name="offset"/> and resets for the next message.</summary>
        public void Final(byte[] output, int offset)
        {
            long bitLength = _totalBytes * 8;
            _block[_blockFill++] = 0x80;
            if (_blockFill > BlockSize - 8)
            {
                System.Array.Clear(_block, _blockFill, BlockSize - _blockFill);
                Compress(_block, 0);
                _blockFill = 0;
            }

            System.Array.Clear(_block, _blockFill, BlockSize - 8 - _blockFill);
            for (int i = 0; i < 8; i++)
            {
                _block[BlockSize - 1 - i] = (byte)(bitLength >> (8 * i));
            }

            Compress(_block, 0);
            for (int i = 0; i < 8; i++)
            {
                uint word = _state[i];
                output[offset + 4 * i] = (byte)(word >> 24);
                output[offset + 4 * i + 1] = (byte)(word >> 16);
                output[offset + 4 * i + 2] = (byte)(word >> 8);
                output[offset + 4 * i + 3] = (byte)word;
            }

            Reset();
        }

        private void Compress(byte[] data, int offset)
        {
            uint[] w = _schedule;
            for (int i = 0; i < 16; i++)
            {
                int p = offset + 4 * i;
                w[i] = ((uint)data[p] << 24) | ((uint)data[p + 1] << 16) | ((uint)data[p + 2] << 8) | data[p + 3];
            }

            for (int i = 16; i < 64; i++)
            {
                uint x = w[i - 15];
                uint y = w[i - 2];
                uint s0 = ((x >> 7) | (x << 25)) ^ ((x >> 18) | (x << 14)) ^ (x >> 3);
                uint s1 = ((y >> 17) | (y << 15)) ^ ((y >> 19) | (y << 13)) ^ (y >> 10);
                w[i] = w[i - 16] + s0 + w[i - 7] + s1;
            }

            uint a = _state[0], b = _state[1], c = _state[2], d = _state[3];
            uint e = _state[4], f = _state[5], g = _state[6], h = _state[7];
            for (int i = 0; i < 64; i++)
            {
                uint sum1 = ((e >> 6) | (e << 26)) ^ ((e >> 11) | (e << 21)) ^ ((e >> 25) | (e << 7));
                uint choose = (e & f) ^ (~e & g);
                uint t1 = h + sum1 + choose + RoundConstants[i] + w[i];
                uint sum0 = ((a >> 2) | (a << 30)) ^ ((a >> 13) | (a << 19)) ^ ((a >> 22) | (a << 10));
                uint majority = (a & b) ^ (a & c) ^ (b & c);
                uint t2 = sum0 + majority;
                h = g;
                g = f;
                f = e;
                e = d + t1;
                d = c;
                c = b;
                b = a;
                a = t1 + t2;
            }

            _state[0] += a;
            _state[1] += b;
            _state[2] += c;
            _state[3] += d;
            _state[4] += e;
            _state[5] += f;
            _state[6] += g;
            _state[7] += h;
        }
    }
}
