using Backend.Ingest.Api;
using Backend.Ingest.Changes;

namespace Backend.Ingest.Downlink;

/// <summary>
/// The <c>downlink_heads</c> row of an item: the latest version of the blacklist, the fare table or the key set.
/// Publishing updates it first, which locks it for the rest of the change (a PostgreSQL row lock, SQLite's write
/// lock), so versions published by several backend processes are numbered one after the other.
/// </summary>
internal static class DownlinkHeads
{
    public const string Blacklist = "blacklist";
    public const string FareTable = "fare_table";
    public const string KeySet = "key_set";

    /// <summary>Takes the next version of <paramref name="item"/>.</summary>
    public static async Task<uint> NextAsync(ChangeContext change, string item, CancellationToken cancellation)
    {
        await using (var bump = change.Command("update downlink_heads set version = version + 1 where item = @item"))
        {
            await bump.With("item", item).ExecuteNonQueryAsync(cancellation);
        }

        return await CurrentAsync(change, item, cancellation);
    }

    /// <summary>Moves <paramref name="item"/> to <paramref name="version"/> if that is newer; false (nothing changed) if not.</summary>
    public static async Task<bool> TryAdvanceAsync(ChangeContext change, string item, uint version, CancellationToken cancellation)
    {
        await using var advance = change.Command("update downlink_heads set version = @version where item = @item and version < @version");
        return await advance.With("item", item).With("version", (long)version).ExecuteNonQueryAsync(cancellation) == 1;
    }

    public static async Task<uint> CurrentAsync(ChangeContext change, string item, CancellationToken cancellation)
    {
        await using var read = change.Command("select version from downlink_heads where item = @item");
        return (uint)Convert.ToInt64(await read.With("item", item).ExecuteScalarAsync(cancellation));
    }
}
