using System.Data.Common;
using Backend.Ingest.Api;
using Terminal.Firmware.Downlink;
using Terminal.Firmware.Loads;

namespace Backend.Ingest.Loads;

/// <summary>
/// This process's copy of the fleet's pending-load list (schema 0010), for the downlink planner, which never waits
/// for the database: the latest version, the change sections of the last <see cref="HistoryVersions"/> versions, and
/// the latest entries. <see cref="PlanFor"/> answers a terminal's reported version with one combined delta, or a
/// snapshot when it has none or is further behind. Thread-safe: the status handler reads while a refresh writes.
/// </summary>
public sealed class PendingLoadListCatalog(DbDataSource dataSource)
{
    public const int HistoryVersions = 1000;

    private readonly object _gate = new();
    private readonly SemaphoreSlim _refreshing = new(1, 1);
    private readonly List<byte[]> _sections = [];
    private byte[] _snapshot = EmptySection();
    private uint _version;

    public uint Version
    {
        get { lock (_gate) { return _version; } }
    }

    /// <summary>What a terminal holding version <paramref name="reported"/> needs, or null when it is up to date.</summary>
    public PendingLoadMessage? PlanFor(uint reported)
    {
        lock (_gate)
        {
            if (_version == 0 || reported == _version)
            {
                return null;
            }

            uint oldestBase = _version - (uint)_sections.Count;
            if (reported != 0 && reported >= oldestBase && reported < _version)
            {
                var body = _sections.Skip((int)(reported - oldestBase)).SelectMany(s => s).ToArray();
                if (body.Length <= DownlinkCodec.MaxBodyBytes)
                {
                    return new PendingLoadMessage(DownlinkKind.PendingLoadDelta, reported, _version, body);
                }
            }

            return new PendingLoadMessage(DownlinkKind.PendingLoadSnapshot, reported, _version, _snapshot);
        }
    }

    /// <summary>Reads the versions published since the last read and the latest entries.</summary>
    public async Task RefreshAsync(CancellationToken cancellation = default)
    {
        await _refreshing.WaitAsync(cancellation);
        try
        {
            await using var connection = await dataSource.OpenConnectionAsync(cancellation);
            await using var transaction = await connection.BeginTransactionAsync(cancellation);
            uint known = Version;
            var versions = new List<(uint Version, byte[] Section)>();
            await using (var select = connection.CreateCommand())
            {
                select.Transaction = transaction;
                select.CommandText = "select version, section from pending_load_list_versions where version > @known order by version";
                select.With("known", (long)known);
                await using var reader = await select.ExecuteReaderAsync(cancellation);
                while (await reader.ReadAsync(cancellation))
                {
                    versions.Add(((uint)reader.GetInt64(0), (byte[])reader.GetValue(1)));
                }
            }

            if (versions.Count == 0)
            {
                return;
            }

            var snapshot = await SnapshotAsync(connection, transaction, cancellation);
            lock (_gate)
            {
                if (versions[0].Version != _version + 1)
                {
                    _sections.Clear();
                }

                _sections.AddRange(versions.Select(v => v.Section));
                if (_sections.Count > HistoryVersions)
                {
                    _sections.RemoveRange(0, _sections.Count - HistoryVersions);
                }

                _version = versions[^1].Version;
                _snapshot = snapshot;
            }
        }
        finally
        {
            _refreshing.Release();
        }
    }

    private static async Task<byte[]> SnapshotAsync(DbConnection connection, DbTransaction transaction, CancellationToken cancellation)
    {
        var entries = new PendingLoadChanges();
        await using var select = connection.CreateCommand();
        select.Transaction = transaction;
        select.CommandText = "select card_uid, load_number, amount from pending_load_list_entries order by card_uid";
        await using var reader = await select.ExecuteReaderAsync(cancellation);
        while (await reader.ReadAsync(cancellation))
        {
            var uid = Convert.FromHexString(reader.GetString(0));
            entries.Add(uid, 0, uid.Length, reader.GetInt32(1), (int)reader.GetInt64(2));
        }

        var section = new byte[PendingLoadBody.SectionLength(entries)];
        PendingLoadBody.WriteSection(entries, section, 0);
        return section;
    }

    private static byte[] EmptySection() => new byte[PendingLoadBody.CountSize];
}

/// <summary>A pending-load downlink message to sign: kind, versions and body.</summary>
public sealed record PendingLoadMessage(DownlinkKind Kind, uint FromVersion, uint ToVersion, byte[] Body);
