using Terminal.Firmware.Blacklist;

namespace Terminal.Tests.Blacklist;

/// <summary>A test-side blacklist key: its kind and bytes, comparable by value.</summary>
public readonly record struct BlacklistKey(BlacklistKind Kind, string Hex)
{
    public byte[] Bytes => Convert.FromHexString(Hex);

    public static BlacklistKey Of(BlacklistKind kind, byte[] bytes) => new(kind, Convert.ToHexString(bytes));

    public static BlacklistKey Random(Random random, BlacklistKind kind)
    {
        var bytes = new byte[BlacklistKinds.KeyBytes((int)kind)];
        random.NextBytes(bytes);
        return Of(kind, bytes);
    }

    /// <summary>The same key with one bit flipped.</summary>
    public BlacklistKey WithBitFlipped(int bit)
    {
        var bytes = Bytes;
        bytes[bit / 8] ^= (byte)(1 << (bit % 8));
        return Of(Kind, bytes);
    }

    public BlacklistVerdict LookUpIn(BlacklistStore store) => store.Lookup(Kind, Bytes, 0);

    public override string ToString() => $"{Kind}:{Hex}";
}
