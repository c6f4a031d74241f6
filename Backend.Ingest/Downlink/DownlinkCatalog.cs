using System.Text.Json;
using Terminal.Firmware.Blacklist;
using Terminal.Firmware.Fares;

namespace Backend.Ingest.Downlink;

/// <summary>
/// What the terminals should hold: the current signed fare table, the blacklist as numbered versions with the
/// change set of each (so the planner can send one combined delta from any recent version), and the public key
/// set. The operator, the tests and the emulator update it; it can be saved to and loaded from a JSON file.
/// Thread-safe: the status handler reads while the operator writes.
/// </summary>
public sealed class DownlinkCatalog
{
    /// <summary>Blacklist versions whose change sets are kept; a terminal further behind gets a snapshot.</summary>
    public const int DefaultHistoryVersions = 1000;

    private readonly object _gate = new();
    private readonly int _historyVersions;
    private readonly List<IReadOnlyList<BlacklistChange>> _history = [];
    private readonly Dictionary<(BlacklistKind Kind, string Key), BlacklistChange> _listings = [];
    private byte[]? _fareTable;
    private uint _fareTableVersion;
    private uint _blacklistVersion;
    private uint _keysVersion;
    private IReadOnlyList<BackendPublicKey> _keys = [];

    public DownlinkCatalog(int historyVersions = DefaultHistoryVersions)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(historyVersions, 1);
        _historyVersions = historyVersions;
    }

    public uint BlacklistVersion
    {
        get { lock (_gate) { return _blacklistVersion; } }
    }

    /// <summary>The signed table and its version, or null before the first.</summary>
    public (byte[] Table, uint Version)? FareTable
    {
        get { lock (_gate) { return _fareTable is null ? null : (_fareTable, _fareTableVersion); } }
    }

    public (uint Version, IReadOnlyList<BackendPublicKey> Keys) Keys
    {
        get { lock (_gate) { return (_keysVersion, _keys); } }
    }

    /// <summary>Installs a signed fare table (docs/fares.md); its version must be newer than the current one.</summary>
    public uint SetFareTable(byte[] signedTable)
    {
        if (signedTable.Length < FareTableFormat.HeaderSize + FareTableFormat.SignatureSize
            || signedTable[0] != FareTableFormat.Magic0 || signedTable[1] != FareTableFormat.Magic1)
        {
            throw new ArgumentException("Not a signed fare table.", nameof(signedTable));
        }

        uint version = BitConverter.ToUInt32(signedTable, 4);
        lock (_gate)
        {
            if (version <= _fareTableVersion)
            {
                throw new ArgumentException($"Fare table version {version} is not newer than {_fareTableVersion}.", nameof(signedTable));
            }

            _fareTable = signedTable.ToArray();
            _fareTableVersion = version;
            return version;
        }
    }

    /// <summary>Publishes the next blacklist version made of <paramref name="changes"/>; returns its number.</summary>
    public uint PublishBlacklist(IEnumerable<BlacklistChange> changes)
    {
        var list = changes.ToList();
        foreach (var change in list)
        {
            if ((int)change.Kind is < 0 or >= BlacklistKinds.Count || change.Key.Length != BlacklistKinds.KeyBytes((int)change.Kind))
            {
                throw new ArgumentException($"A {change.Kind} key is {BlacklistKinds.KeyBytes((int)change.Kind)} bytes.", nameof(changes));
            }
        }

        lock (_gate)
        {
            foreach (var change in list)
            {
                var key = (change.Kind, change.KeyHex);
                if (change.Reason == 0)
                {
                    _listings.Remove(key);
                }
                else
                {
                    _listings[key] = change;
                }
            }

            _history.Add(list);
            if (_history.Count > _historyVersions)
            {
                _history.RemoveAt(0);
            }

            return ++_blacklistVersion;
        }
    }

    /// <summary>Replaces the key set; returns its new version.</summary>
    public uint SetKeys(IEnumerable<BackendPublicKey> keys)
    {
        var list = keys.ToList();
        if (list.Any(k => k.PublicKey.Length != 32 || k.KeyId is < 0 or > 0xFFFF) || list.Select(k => k.KeyId).Distinct().Count() != list.Count)
        {
            throw new ArgumentException("Keys are 32-byte Ed25519 public keys with distinct ids 0..65535.", nameof(keys));
        }

        lock (_gate)
        {
            _keys = list;
            return ++_keysVersion;
        }
    }

    /// <summary>
    /// The change sets of every version after <paramref name="fromVersion"/> up to the latest, in order; null when
    /// they are no longer all kept, or the version is 0 (nothing installed) or unknown.
    /// </summary>
    public BlacklistCatchUp? ChangesSince(uint fromVersion)
    {
        lock (_gate)
        {
            uint oldestBase = _blacklistVersion - (uint)_history.Count;
            if (fromVersion == 0 || fromVersion < oldestBase || fromVersion >= _blacklistVersion)
            {
                return null;
            }

            int skip = (int)(fromVersion - oldestBase);
            return new BlacklistCatchUp(fromVersion, _blacklistVersion, _history.Skip(skip).ToList());
        }
    }

    /// <summary>Every listing of the latest version, and that version.</summary>
    public (uint Version, IReadOnlyList<BlacklistChange> Listings) Snapshot()
    {
        lock (_gate)
        {
            return (_blacklistVersion, _listings.Values.ToList());
        }
    }

    public void Save(string path)
    {
        CatalogFile file;
        lock (_gate)
        {
            file = new CatalogFile(_fareTable, _blacklistVersion, _history.ToList(), _listings.Values.ToList(), _keysVersion, _keys.ToList());
        }

        string temporary = path + ".new";
        File.WriteAllText(temporary, JsonSerializer.Serialize(file));
        File.Move(temporary, path, overwrite: true);
    }

    public static DownlinkCatalog Load(string path, int historyVersions = DefaultHistoryVersions)
    {
        var file = JsonSerializer.Deserialize<CatalogFile>(File.ReadAllText(path))
            ?? throw new InvalidDataException($"{path} holds no downlink catalog.");
        var catalog = new DownlinkCatalog(historyVersions);
        if (file.FareTable is not null)
        {
            catalog.SetFareTable(file.FareTable);
        }

        foreach (var listing in file.Listings)
        {
            catalog._listings[(listing.Kind, listing.KeyHex)] = listing;
        }

        catalog._history.AddRange(file.History.TakeLast(historyVersions));
        catalog._blacklistVersion = file.BlacklistVersion;
        catalog._keys = file.Keys;
        catalog._keysVersion = file.KeysVersion;
        return catalog;
    }

    private sealed record CatalogFile(
        byte[]? FareTable, uint BlacklistVersion, List<IReadOnlyList<BlacklistChange>> History, List<BlacklistChange> Listings,
        uint KeysVersion, List<BackendPublicKey> Keys);
}

/// <summary>The change sets that move a blacklist from <see cref="FromVersion"/> to <see cref="ToVersion"/>, one per version.</summary>
public sealed record BlacklistCatchUp(uint FromVersion, uint ToVersion, IReadOnlyList<IReadOnlyList<BlacklistChange>> Versions);
