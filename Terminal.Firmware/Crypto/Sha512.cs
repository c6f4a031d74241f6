namespace Terminal.Firmware.Crypto
{
    /// <summary>
    /// SHA-512 (FIPS 180-4), incremental; Ed25519 hashes R, A and the message with it.
    /// State is allocated once, so hashing allocates nothing.
    /// </summary>
    public sealed class Sha512
    {
        public const int HashSize = 64;
        public const int BlockSize = 128;

        private static readonly ulong[] RoundConstants =
        {
            0x428A2F98D728AE22UL, 0x7137449123EF65CDUL, 0xB5C0FBCFEC4D3B2FUL, 0xE9B5DBA58189DBBCUL,
            0x3956C25BF348B538UL, 0x59F111F1B605D019UL, 0x923F82A4AF194F9BUL, 0xAB1C5ED5DA6D8118UL,
            0xD807AA98A3030242UL, 0x12835B0145706FBEUL, 0x243185BE4EE4B28CUL, 0x550C7DC3D5FFB4E2UL,
            0x72BE5D74F27B896FUL, 0x80DEB1FE3B1696B1UL, 0x9BDC06A725C71235UL, 0xC19BF174CF692694UL,
            0xE49B69C19EF14AD2UL, 0xEFBE4786384F25E3UL, 0x0FC19DC68B8CD5B5UL, 0x240CA1CC77AC9C65UL,
            0x2DE92C6F592B0275UL, 0x4A7484AA6EA6E483UL, 0x5CB0A9DCBD41FBD4UL, 0x76F988DA831153B5UL,
            0x983E5152EE66DFABUL, 0xA831C66D2DB43210UL, 0xB00327C898FB213FUL, 0xBF597FC7BEEF0EE4UL,
            0xC6E00BF33DA88FC2UL, 0xD5A79147930AA725UL, 0x06CA6351E003826FUL, 0x142929670A0E6E70UL,
            0x27B70A8546D22FFCUL, 0x2E1B21385C26C926UL, 0x4D2C6DFC5AC42AEDUL, 0x53380D139D95B3DFUL,
            0x650A73548BAF63DEUL, 0x766A0ABB3C77B2A8UL, 0x81C2C92E47EDAEE6UL, 0x92722C851482353BUL,
            0xA2BFE8A14CF10364UL, 0xA81A664BBC423001UL, 0xC24B8B70D0F89791UL, 0xC76C51A30654BE30UL,
            0xD192E819D6EF5218UL, 0xD69906245565A910UL, 0xF40E35855771202AUL, 0x106AA07032BBD1B8UL,
            0x19A4C116B8D2D0C8UL, 0x1E376C085141AB53UL, 0x2748774CDF8EEB99UL, 0x34B0BCB5E19B48A8UL,
            0x391C0CB3C5C95A63UL, 0x4ED8AA4AE3418ACBUL, 0x5B9CCA4F7763E373UL, 0x682E6FF3D6B2B8A3UL,
            0x748F82EE5DEFB2FCUL, 0x78A5636F43172F60UL, 0x84C87814A1F0AB72UL, 0x8CC702081A6439ECUL,
            0x90BEFFFA23631E28UL, 0xA4506CEBDE82BDE9UL, 0xBEF9A3F7B2C67915UL, 0xC67178F2E372532BUL,
            0xCA273ECEEA26619CUL, 0xD186B8C721C0C207UL, 0xEADA7DD6CDE0EB1EUL, 0xF57D4F7FEE6ED178UL,
            0x06F067AA72176FBAUL, 0x0A637DC5A2C898A6UL, 0x113F9804BEF90DAEUL, 0x1B710B35131C471BUL,
            0x28DB77F523047D84UL, 0x32CAAB7B40C72493UL, 0x3C9EBE0A15C9BEBCUL, 0x431D67C49C100D4CUL,
            0x4CC5D4BECB3E42B6UL, 0x597F299CFC657E2AUL, 0x5FCB6FAB3AD6FAECUL, 0x6C44198C4A475817UL,
        };

        private readonly ulong[] _state = new ulong[8];
        private readonly ulong[] _schedule = new ulong[80];
        private readonly byte[] _block = new byte[BlockSize];
        private int _blockFill;
        private long _totalBytes;

        public Sha512()
        {
            Reset();
        }

        public void Reset()
        {
            _state[0] = 0x6A09E667F3BCC908UL;
            _state[1] = 0xBB67AE8584CAA73BUL;
            _state[2] = 0x3C6EF372FE94F82BUL;
            _state[3] = 0xA54FF53A5F1D36F1UL;
            _state[4] = 0x510E527FADE682D1UL;
            _state[5] = 0x9B05688C2B3E6C1FUL;
            _state[6] = 0x1F83D9ABFB41BD6BUL;
            _state[7] = 0x5BE0CD19137E2179UL;
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

        /// <summary>Pads, writes the 64-byte digest at <paramref name="offset"/> and resets for the next message.</summary>
        public void Final(byte[] output, int offset)
        {
            // The length field is 128 bits; messages here are far below 2^61 bytes, so its upper half is zero.
            long bitLength = _totalBytes * 8;
            _block[_blockFill++] = 0x80;
            if (_blockFill > BlockSize - 16)
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
                ulong word = _state[i];
                for (int j = 0; j < 8; j++)
                {
                    output[offset + 8 * i + j] = (byte)(word >> (56 - 8 * j));
                }
            }

            Reset();
        }

        private void Compress(byte[] data, int offset)
        {
#if CRYPTO_OP_COUNT
            CryptoOpCounter.Sha512Blocks++;
#endif
            ulong[] w = _schedule;
            for (int i = 0; i < 16; i++)
            {
                int p = offset + 8 * i;
                ulong word = 0;
                for (int j = 0; j < 8; j++)
                {
                    word = (word << 8) | data[p + j];
                }

                w[i] = word;
            }

            for (int i = 16; i < 80; i++)
            {
                ulong x = w[i - 15];
                ulong y = w[i - 2];
                ulong s0 = ((x >> 1) | (x << 63)) ^ ((x >> 8) | (x << 56)) ^ (x >> 7);
                ulong s1 = ((y >> 19) | (y << 45)) ^ ((y >> 61) | (y << 3)) ^ (y >> 6);
                w[i] = w[i - 16] + s0 + w[i - 7] + s1;
            }

            ulong a = _state[0], b = _state[1], c = _state[2], d = _state[3];
            ulong e = _state[4], f = _state[5], g = _state[6], h = _state[7];
            for (int i = 0; i < 80; i++)
            {
                ulong sum1 = ((e >> 14) | (e << 50)) ^ ((e >> 18) | (e << 46)) ^ ((e >> 41) | (e << 23));
                ulong choose = (e & f) ^ (~e & g);
                ulong t1 = h + sum1 + choose + RoundConstants[i] + w[i];
                ulong sum0 = ((a >> 28) | (a << 36)) ^ ((a >> 34) | (a << 30)) ^ ((a >> 39) | (a << 25));
                ulong majority = (a & b) ^ (a & c) ^ (b & c);
                ulong t2 = sum0 + majority;
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
