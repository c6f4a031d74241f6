using System.Buffers.Binary;

namespace Terminal.Emulator.Fuzz;

/// <summary>
/// Derives input number <c>n</c> of a run from its seed alone (so a crash reproduces from the seed and the number):
/// picks a seed input and applies one to four mutations — bit flips, random bytes, inserted and deleted runs,
/// boundary integers, nudged length fields, truncation, duplicated chunks and splices with another seed input.
/// </summary>
public static class FuzzMutator
{
    private static readonly ulong[] Boundaries = [0, 1, 2, 0x7F, 0x80, 0xFF, 0x100, 0x7FFF, 0x8000, 0xFFFF, 0x10000, 0x7FFFFFFF, 0x80000000, 0xFFFFFFFF, 0x7FFFFFFFFFFFFFFF, 0x8000000000000000, ulong.MaxValue];

    public static int InputSeed(int runSeed, long index)
    {
        // SplitMix64 finaliser: neighbouring indices give unrelated seeds, the same on every machine and run.
        var z = unchecked(((ulong)(uint)runSeed << 32) ^ (ulong)index) + 0x9E3779B97F4A7C15UL;
        z = unchecked((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL);
        z = unchecked((z ^ (z >> 27)) * 0x94D049BB133111EBUL);
        return (int)(z ^ (z >> 31));
    }

    public static byte[] Input(IReadOnlyList<byte[]> seeds, int runSeed, long index)
    {
        var random = new Random(InputSeed(runSeed, index));
        var data = new List<byte>(seeds[random.Next(seeds.Count)]);
        var mutations = 1 + random.Next(4);
        for (var i = 0; i < mutations; i++)
        {
            Mutate(data, seeds, random);
        }

        return data.ToArray();
    }

    private static void Mutate(List<byte> data, IReadOnlyList<byte[]> seeds, Random random)
    {
        var at = data.Count == 0 ? 0 : random.Next(data.Count);
        switch (random.Next(9))
        {
            case 0 when data.Count > 0:
                data[at] ^= (byte)(1 << random.Next(8));
                break;
            case 1 when data.Count > 0:
                data[at] = (byte)random.Next(256);
                break;
            case 2:
                var inserted = new byte[1 + random.Next(8)];
                random.NextBytes(inserted);
                data.InsertRange(at, inserted);
                break;
            case 3 when data.Count > 0:
                data.RemoveRange(at, Math.Min(data.Count - at, 1 + random.Next(8)));
                break;
            case 4:
                WriteInteger(data, at, Boundaries[random.Next(Boundaries.Length)], random);
                break;
            case 5 when data.Count > 0:
                // A length or count field off by a little: the classic framing bug.
                var width = new[] { 1, 2, 4 }[random.Next(3)];
                WriteInteger(data, at, unchecked(ReadInteger(data, at, width) + (ulong)(random.Next(-4, 5))), random, width);
                break;
            case 6 when data.Count > 0:
                data.RemoveRange(at, data.Count - at);
                break;
            case 7 when data.Count > 0:
                var length = Math.Min(data.Count - at, 1 + random.Next(32));
                data.InsertRange(random.Next(data.Count), data.GetRange(at, length));
                break;
            default:
                var other = seeds[random.Next(seeds.Count)];
                var cut = other.Length == 0 ? 0 : random.Next(other.Length);
                data.RemoveRange(at, data.Count - at);
                data.AddRange(other.AsSpan(cut).ToArray());
                break;
        }
    }

    private static void WriteInteger(List<byte> data, int at, ulong value, Random random, int width = 0)
    {
        width = width == 0 ? new[] { 1, 2, 4, 8 }[random.Next(4)] : width;
        var bytes = new byte[8];
        if (random.Next(2) == 0)
        {
            BinaryPrimitives.WriteUInt64LittleEndian(bytes, value);
        }
        else
        {
            BinaryPrimitives.WriteUInt64BigEndian(bytes, value << (8 * (8 - width)));
        }

        for (var i = 0; i < width && at + i < data.Count; i++)
        {
            data[at + i] = bytes[i];
        }
    }

    private static ulong ReadInteger(List<byte> data, int at, int width)
    {
        ulong value = 0;
        for (var i = Math.Min(width, data.Count - at) - 1; i >= 0; i--)
        {
            value = (value << 8) | data[at + i];
        }

        return value;
    }
}
