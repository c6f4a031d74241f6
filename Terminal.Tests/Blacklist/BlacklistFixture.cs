using Terminal.Firmware.Blacklist;
using Terminal.Simulation.Flash;

namespace Terminal.Tests.Blacklist;

/// <summary>Random blacklists and the expected answers for them.</summary>
public static class BlacklistFixture
{
    /// <summary>A card population like a transit fleet's: mostly 7-byte and 4-byte UIDs, a few 10-byte UIDs, some accounts.</summary>
    public static BlacklistKind RandomKind(Random random) => random.Next(100) switch
    {
        < 30 => BlacklistKind.Uid4,
        < 85 => BlacklistKind.Uid7,
        < 90 => BlacklistKind.Uid10,
        _ => BlacklistKind.Account,
    };

    public static Dictionary<BlacklistKey, byte> RandomListings(Random random, int count)
    {
        var listings = new Dictionary<BlacklistKey, byte>(count);
        while (listings.Count < count)
        {
            listings[BlacklistKey.Random(random, RandomKind(random))] = (byte)random.Next(1, 16);
        }

        return listings;
    }

    public static BlacklistChanges ToChanges(IEnumerable<KeyValuePair<BlacklistKey, byte>> listings)
    {
        var changes = new BlacklistChanges();
        foreach (var (key, reason) in listings)
        {
            bool added = reason == 0 ? changes.Remove(key.Kind, key.Bytes, 0) : changes.List(key.Kind, key.Bytes, 0, reason);
            if (!added)
            {
                throw new InvalidOperationException($"Refused {key}");
            }
        }

        return changes;
    }

    public static (SimulatedFlash Flash, BlacklistStore Store) Installed(IReadOnlyDictionary<BlacklistKey, byte> listings, uint version = 1)
    {
        var flash = new SimulatedFlash();
        var store = new BlacklistStore(flash);
        var status = store.LoadSnapshot(version, ToChanges(listings));
        if (status != BlacklistStatus.Ok)
        {
            throw new InvalidOperationException($"Snapshot not installed: {status}");
        }

        return (flash, store);
    }

    /// <summary>A key of the given kind that is not in the set.</summary>
    public static BlacklistKey Unlisted(Random random, BlacklistKind kind, IReadOnlyDictionary<BlacklistKey, byte> listings)
    {
        while (true)
        {
            var key = BlacklistKey.Random(random, kind);
            if (!listings.ContainsKey(key))
            {
                return key;
            }
        }
    }
}
