using Terminal.Firmware.Blacklist;

namespace Terminal.Emulator.Bench;

/// <summary>Random blacklist keys in a fleet-like mix: mostly 7- and 4-byte UIDs, a few 10-byte UIDs, some accounts.</summary>
public static class RandomKeys
{
    /// <summary>A key as the host sees it; <see cref="Value"/> packs kind and bytes for the HashSet baseline.</summary>
    public sealed record Key(BlacklistKind Kind, byte[] Bytes, UInt128 Value)
    {
        public bool Equals(Key? other) => other is not null && Value == other.Value;

        public override int GetHashCode() => Value.GetHashCode();
    }

    public static Key Next(Random random)
    {
        var kind = random.Next(100) switch
        {
            < 30 => BlacklistKind.Uid4,
            < 85 => BlacklistKind.Uid7,
            < 90 => BlacklistKind.Uid10,
            _ => BlacklistKind.Account,
        };
        var bytes = new byte[BlacklistKinds.KeyBytes((int)kind)];
        random.NextBytes(bytes);
        UInt128 value = (UInt128)(int)kind;
        foreach (byte b in bytes)
        {
            value = (value << 8) | b;
        }

        return new Key(kind, bytes, value);
    }

    /// <summary>Distinct keys, none of them in <paramref name="excluded"/>, each with a reason 1..15.</summary>
    public static Dictionary<Key, byte> Distinct(Random random, int count, IEnumerable<Key> excluded)
    {
        var taken = excluded.ToHashSet();
        var keys = new Dictionary<Key, byte>(count);
        while (keys.Count < count)
        {
            var key = Next(random);
            if (!taken.Contains(key))
            {
                keys.TryAdd(key, (byte)random.Next(1, 16));
            }
        }

        return keys;
    }

    public static BlacklistChanges ToChanges(IEnumerable<KeyValuePair<Key, byte>> listings)
    {
        var changes = new BlacklistChanges();
        foreach (var (key, reason) in listings)
        {
            changes.List(key.Kind, key.Bytes, 0, reason);
        }

        return changes;
    }
}
