using System.Data.Common;
using Backend.Ingest.Api;
using Backend.Ingest.Changes;
using Terminal.Firmware.Blacklist;

namespace Backend.Ingest.Downlink;

/// <summary>
/// What the terminals should hold, as the database records it (schema 0004): the latest signed fare table, the
/// blacklist as numbered versions with the change set of each (so the planner can send one combined delta from any
/// kept version) and its listings, and the backend key set. The planner reads this process's copy, which never waits
/// for the database (a status is answered during an outage with what was last read); <see cref="RefreshAsync"/>
/// brings the copy up to what any backend process published (<see cref="DownlinkCatalogRefresh"/> calls it every
/// second). Publications are changes with an actor and an audit row: inside a request's change through
/// <see cref="BlacklistPublisher"/>, <see cref="FareTablePublisher"/> and <see cref="KeySetPublisher"/>, or on their
/// own through the Publish/Set methods here. Thread-safe: the status handler reads while a refresh writes.
/// </summary>
public sealed class DownlinkCatalog(DbDataSource dataSource, ChangeRunner runner, DownlinkSigner downlinkKey, int historyVersions = DownlinkCatalog.DefaultHistoryVersions)
{
    /// <summary>Blacklist versions whose change sets are kept in memory; a terminal further behind gets a snapshot.</summary>
    public const int DefaultHistoryVersions = 1000;

    private readonly int _historyVersions = historyVersions >= 1
        ? historyVersions
        : throw new ArgumentOutOfRangeException(nameof(historyVersions), historyVersions, "At least one version's change set is kept.");

    private readonly object _gate = new();
    private readonly SemaphoreSlim _refreshing = new(1, 1);
    private readonly List<IReadOnlyList<BlacklistChange>> _history = [];
    private readonly Dictionary<(BlacklistKind Kind, string Key), BlacklistChange> _listings = [];
    private byte[]? _fareTable;
    private uint _fareTableVersion;
    private uint _blacklistVersion;
    private uint _keysVersion;
    private IReadOnlyList<BackendPublicKey> _keys = [];

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

    /// <summary>Publishes the next blacklist version made of <paramref name="changes"/>, as <paramref name="actor"/>; returns its number.</summary>
    public Task<uint> PublishBlacklistAsync(IEnumerable<BlacklistChange> changes, string actor, string why, CancellationToken cancellation = default)
    {
        var list = changes.ToList();
        return PublishAsync("blacklist.publish", actor, new { list, why }, change => BlacklistPublisher.PublishAsync(change, list, why, cancellation), cancellation);
    }

    /// <summary>Publishes a signed fare table (docs/fares.md), as <paramref name="actor"/>; it must be the terminals' to take and newer than the latest.</summary>
    public Task<uint> SetFareTableAsync(byte[] signedTable, string actor, CancellationToken cancellation = default) =>
        PublishAsync("fare_table.publish", actor, new { signedTable }, async change =>
        {
            var published = await FareTablePublisher.PublishAsync(change, signedTable, downlinkKey, cancellation);
            return published.Refusal is null ? published.Version : throw new ArgumentException(RefusalText(published.Refusal), nameof(signedTable));
        }, cancellation);

    /// <summary>Publishes a new key set, as <paramref name="actor"/>; returns its version.</summary>
    public Task<uint> SetKeysAsync(IEnumerable<BackendPublicKey> keys, string actor, CancellationToken cancellation = default)
    {
        var list = keys.ToList();
        return PublishAsync("key_set.publish", actor, new { list }, change => KeySetPublisher.PublishAsync(change, list, cancellation), cancellation);
    }

    /// <summary>Reads what was published since the last read, by this process or another.</summary>
    public async Task RefreshAsync(CancellationToken cancellation = default)
    {
        await _refreshing.WaitAsync(cancellation);
        try
        {
            await using var connection = await dataSource.OpenConnectionAsync(cancellation);
            var heads = await HeadsAsync(connection, cancellation);
            await RefreshBlacklistAsync(connection, heads[DownlinkHeads.Blacklist], cancellation);
            await RefreshFareTableAsync(connection, heads[DownlinkHeads.FareTable], cancellation);
            await RefreshKeysAsync(connection, heads[DownlinkHeads.KeySet], cancellation);
        }
        finally
        {
            _refreshing.Release();
        }
    }

    private async Task<uint> PublishAsync(string operation, string actor, object content, Func<ChangeContext, Task<uint>> publish, CancellationToken cancellation)
    {
        uint version = 0;
        var outcome = await runner.RunAsync(ChangeRequests.Internal(operation, actor, content), async change =>
        {
            version = await publish(change);
            return new ChangeResult(StatusCodes.Status201Created, new { version });
        }, cancellation);
        if (outcome.Status >= 400)
        {
            throw new InvalidOperationException($"{operation} was refused: {outcome.Body}");
        }

        await RefreshAsync(cancellation);
        return version;
    }

    private static string RefusalText(ChangeResult refusal) =>
        refusal.Body is Microsoft.AspNetCore.Mvc.ProblemDetails problem ? $"{problem.Title} {problem.Detail}" : refusal.Body.ToString()!;

    private static async Task<Dictionary<string, uint>> HeadsAsync(DbConnection connection, CancellationToken cancellation)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = "select item, version from downlink_heads";
        await using var reader = await command.ExecuteReaderAsync(cancellation);
        var heads = new Dictionary<string, uint>();
        while (await reader.ReadAsync(cancellation))
        {
            heads[reader.GetString(0)] = (uint)reader.GetInt64(1);
        }

        return heads;
    }

    /// <summary>
    /// Behind by at most the kept history: the change sets after the known version, applied to the listings. Else
    /// (first read, or far behind) the listings table, then every change set of the kept history replayed on it. Each
    /// change sets a key's state outright, so replaying versions the listings already reflect changes nothing: the
    /// listings, read after the head and before the change sets, end at the last change set's version.
    /// </summary>
    private async Task RefreshBlacklistAsync(DbConnection connection, uint head, CancellationToken cancellation)
    {
        uint known = BlacklistVersion;
        if (head == known)
        {
            return;
        }

        bool full = known == 0 || head < known || head - known > _historyVersions;
        Dictionary<(BlacklistKind, string), BlacklistChange>? listings = full ? await ListingsAsync(connection, cancellation) : null;
        uint from = full ? (uint)Math.Max(0, (long)head - _historyVersions) : known;
        var versions = await ChangeSetsAsync(connection, from, cancellation);
        lock (_gate)
        {
            if (listings is not null)
            {
                _listings.Clear();
                foreach (var (key, listing) in listings)
                {
                    _listings[key] = listing;
                }

                _history.Clear();
            }

            foreach (var (_, set) in versions)
            {
                foreach (var change in set)
                {
                    if (change.Reason == 0)
                    {
                        _listings.Remove((change.Kind, change.KeyHex));
                    }
                    else
                    {
                        _listings[(change.Kind, change.KeyHex)] = change;
                    }
                }

                _history.Add(set);
            }

            if (_history.Count > _historyVersions)
            {
                _history.RemoveRange(0, _history.Count - _historyVersions);
            }

            _blacklistVersion = versions.Count > 0 ? versions[^1].Version : (full ? head : _blacklistVersion);
        }
    }

    private static async Task<Dictionary<(BlacklistKind, string), BlacklistChange>> ListingsAsync(DbConnection connection, CancellationToken cancellation)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = "select kind, entry_key, reason from blacklist_listings";
        await using var reader = await command.ExecuteReaderAsync(cancellation);
        var listings = new Dictionary<(BlacklistKind, string), BlacklistChange>();
        while (await reader.ReadAsync(cancellation))
        {
            var listing = new BlacklistChange((BlacklistKind)reader.GetInt32(0), Convert.FromHexString(reader.GetString(1)), (byte)reader.GetInt32(2));
            listings[(listing.Kind, listing.KeyHex)] = listing;
        }

        return listings;
    }

    /// <summary>Every version after <paramref name="from"/> with its change set, in order (one statement: one consistent read).</summary>
    private static async Task<List<(uint Version, IReadOnlyList<BlacklistChange> Changes)>> ChangeSetsAsync(DbConnection connection, uint from, CancellationToken cancellation)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = """
            select v.version, c.kind, c.entry_key, c.reason from blacklist_versions v
            left join blacklist_changes c on c.version = v.version
            where v.version > @from order by v.version
            """;
        command.With("from", (long)from);
        await using var reader = await command.ExecuteReaderAsync(cancellation);
        var versions = new List<(uint, IReadOnlyList<BlacklistChange>)>();
        List<BlacklistChange>? current = null;
        uint currentVersion = 0;
        while (await reader.ReadAsync(cancellation))
        {
            uint version = (uint)reader.GetInt64(0);
            if (current is null || version != currentVersion)
            {
                current = [];
                currentVersion = version;
                versions.Add((version, current));
            }

            if (!reader.IsDBNull(1))
            {
                current.Add(new BlacklistChange((BlacklistKind)reader.GetInt32(1), Convert.FromHexString(reader.GetString(2)), (byte)reader.GetInt32(3)));
            }
        }

        return versions;
    }

    private async Task RefreshFareTableAsync(DbConnection connection, uint head, CancellationToken cancellation)
    {
        if (head == FareTable?.Version || head == 0)
        {
            return;
        }

        await using var command = connection.CreateCommand();
        command.CommandText = "select signed_table from fare_table_versions where version = @version";
        command.With("version", (long)head);
        var table = (byte[])(await command.ExecuteScalarAsync(cancellation))!;
        lock (_gate)
        {
            _fareTable = table;
            _fareTableVersion = head;
        }
    }

    private async Task RefreshKeysAsync(DbConnection connection, uint head, CancellationToken cancellation)
    {
        if (head == Keys.Version)
        {
            return;
        }

        await using var command = connection.CreateCommand();
        command.CommandText = "select key_id, public_key from key_set_keys where version = @version order by key_id";
        command.With("version", (long)head);
        await using var reader = await command.ExecuteReaderAsync(cancellation);
        var keys = new List<BackendPublicKey>();
        while (await reader.ReadAsync(cancellation))
        {
            keys.Add(new BackendPublicKey(reader.GetInt32(0), (byte[])reader.GetValue(1)));
        }

        lock (_gate)
        {
            _keys = keys;
            _keysVersion = head;
        }
    }
}

/// <summary>The change sets that move a blacklist from <see cref="FromVersion"/> to <see cref="ToVersion"/>, one per version.</summary>
public sealed record BlacklistCatchUp(uint FromVersion, uint ToVersion, IReadOnlyList<IReadOnlyList<BlacklistChange>> Versions);
