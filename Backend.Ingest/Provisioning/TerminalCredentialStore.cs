using System.Globalization;
using System.Text.Json;

namespace Backend.Ingest.Provisioning;

/// <summary>
/// The terminals' broker credentials: one salted hash per terminal id (<see cref="MosquittoPasswordHash"/>), never a
/// password, in a JSON file replaced atomically on every change. Thread-safe. A change made by another process (the
/// <c>provision-terminal</c> command beside a running backend) is picked up at the next verification.
/// </summary>
public sealed class TerminalCredentialStore
{
    public const string FileName = "terminal-credentials.json";

    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true };

    private readonly Lock _lock = new();
    private readonly int _iterations;
    private Dictionary<uint, MosquittoPasswordHash> _hashes = [];
    private DateTime _loadedWriteTime;

    public TerminalCredentialStore(string path, int iterations = MosquittoPasswordHash.DefaultIterations)
    {
        Path = System.IO.Path.GetFullPath(path);
        _iterations = iterations;
        lock (_lock)
        {
            Load();
        }
    }

    /// <summary>A terminal's credentials were revoked: a broker holding its connection should drop it now.</summary>
    public event Action<uint>? Revoked;

    public string Path { get; }

    public static TerminalCredentialStore InDataDirectory(string dataDirectory) => new(System.IO.Path.Combine(dataDirectory, FileName));

    /// <summary>Creates (or rotates) the terminal's password and returns it: the only time it exists in clear.</summary>
    public string Provision(uint terminalId) => ProvisionMany([terminalId])[terminalId];

    /// <summary>Provisions many terminals with one file write (a fleet of thousands would otherwise rewrite it thousands of times).</summary>
    public IReadOnlyDictionary<uint, string> ProvisionMany(IEnumerable<uint> terminalIds)
    {
        var passwords = terminalIds.Distinct().ToDictionary(id => id, _ => Passwords.Generate());
        var hashes = passwords.ToDictionary(pair => pair.Key, pair => MosquittoPasswordHash.Create(pair.Value, _iterations));
        lock (_lock)
        {
            ReloadIfChanged();
            var next = new Dictionary<uint, MosquittoPasswordHash>(_hashes);
            foreach (var (id, hash) in hashes)
            {
                next[id] = hash;
            }

            Save(next);
        }

        return passwords;
    }

    /// <summary>Removes the terminal's credentials; false when it had none.</summary>
    public bool Revoke(uint terminalId)
    {
        lock (_lock)
        {
            ReloadIfChanged();
            if (!_hashes.ContainsKey(terminalId))
            {
                return false;
            }

            var next = new Dictionary<uint, MosquittoPasswordHash>(_hashes);
            next.Remove(terminalId);
            Save(next);
        }

        Revoked?.Invoke(terminalId);
        return true;
    }

    public bool Verify(uint terminalId, string? password)
    {
        MosquittoPasswordHash? hash;
        lock (_lock)
        {
            ReloadIfChanged();
            _hashes.TryGetValue(terminalId, out hash);
        }

        return hash is not null && password is not null && hash.Verify(password);
    }

    public bool IsProvisioned(uint terminalId)
    {
        lock (_lock)
        {
            ReloadIfChanged();
            return _hashes.ContainsKey(terminalId);
        }
    }

    /// <summary>Every provisioned terminal with its hash, in id order: what the Mosquitto files are generated from.</summary>
    public IReadOnlyList<KeyValuePair<uint, MosquittoPasswordHash>> Snapshot()
    {
        lock (_lock)
        {
            ReloadIfChanged();
            return [.. _hashes.OrderBy(pair => pair.Key)];
        }
    }

    private void ReloadIfChanged()
    {
        if (File.GetLastWriteTimeUtc(Path) != _loadedWriteTime)
        {
            Load();
        }
    }

    private void Load()
    {
        _loadedWriteTime = File.GetLastWriteTimeUtc(Path);
        if (!File.Exists(Path))
        {
            _hashes = [];
            return;
        }

        var file = JsonSerializer.Deserialize<CredentialFile>(File.ReadAllText(Path), Json);
        if (file?.Terminals is null)
        {
            throw new InvalidDataException($"{Path} holds no \"Terminals\" object");
        }

        var hashes = new Dictionary<uint, MosquittoPasswordHash>();
        foreach (var (id, text) in file.Terminals)
        {
            if (!uint.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out var terminalId) || !MosquittoPasswordHash.TryParse(text, out var hash))
            {
                throw new InvalidDataException($"{Path}: terminal '{id}' has no valid id or $7$ hash");
            }

            hashes[terminalId] = hash!;
        }

        _hashes = hashes;
    }

    private void Save(Dictionary<uint, MosquittoPasswordHash> hashes)
    {
        var file = new CredentialFile(hashes.OrderBy(pair => pair.Key).ToDictionary(
            pair => pair.Key.ToString(CultureInfo.InvariantCulture), pair => pair.Value.ToString()));
        AtomicFile.WriteAllText(Path, JsonSerializer.Serialize(file, Json), AtomicFile.OwnerOnly);
        _hashes = hashes;
        _loadedWriteTime = File.GetLastWriteTimeUtc(Path);
    }

    private sealed record CredentialFile(Dictionary<string, string> Terminals);
}
