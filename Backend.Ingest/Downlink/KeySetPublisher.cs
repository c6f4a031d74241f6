using Backend.Ingest.Api;
using Backend.Ingest.Changes;

namespace Backend.Ingest.Downlink;

/// <summary>Publishes the next version of the backend key set inside a change, with its audit row.</summary>
public static class KeySetPublisher
{
    public static async Task<uint> PublishAsync(ChangeContext change, IEnumerable<BackendPublicKey> keys, CancellationToken cancellation)
    {
        var list = keys.ToList();
        if (list.Any(k => k.PublicKey.Length != 32 || k.KeyId is < 0 or > 0xFFFF) || list.Select(k => k.KeyId).Distinct().Count() != list.Count)
        {
            throw new ArgumentException("Keys are 32-byte Ed25519 public keys with distinct ids 0..65535.", nameof(keys));
        }

        uint version = await DownlinkHeads.NextAsync(change, DownlinkHeads.KeySet, cancellation);
        await using (var header = change.Command("insert into key_set_versions (version, published_at, published_by) values (@version, @at, @by)"))
        {
            await header.With("version", (long)version).With("at", change.Now).With("by", change.Request.Actor).ExecuteNonQueryAsync(cancellation);
        }

        foreach (var key in list)
        {
            await using var insert = change.Command("insert into key_set_keys (version, key_id, public_key) values (@version, @id, @key)");
            await insert.With("version", (long)version).With("id", key.KeyId).With("key", key.PublicKey).ExecuteNonQueryAsync(cancellation);
        }

        await change.AuditAsync("key_set.publish", $"key_set:{version}", null,
            string.Join("; ", list.Select(k => $"key {k.KeyId} {Convert.ToHexString(k.PublicKey)}")), cancellation);
        return version;
    }
}
