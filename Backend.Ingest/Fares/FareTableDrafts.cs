using System.Data.Common;
using Backend.Ingest.Api;
using Backend.Ingest.Changes;
using Backend.Ingest.Downlink;

namespace Backend.Ingest.Fares;

/// <summary>
/// Fare table drafts (<c>fare_table_drafts</c>): start one from the latest published table, save edits, publish. Each is
/// a change with its audit row. Publishing gives the draft the next version and the backend's downlink key id, signs
/// it with that key and goes through <see cref="DownlinkChanges.PublishFareTableAsync"/>, as <c>POST /api/fare-tables</c>
/// does, after <see cref="FareDraftCheck"/> found nothing the terminals would refuse.
/// </summary>
public sealed class FareTableDrafts(DbDataSource dataSource, ChangeRunner runner, DownlinkChanges changes, DownlinkSigner signer)
{
    public sealed record Draft(long Id, long BasedOnVersion, FareTableBuilder Table, DateTimeOffset UpdatedAt, string UpdatedBy, long? PublishedVersion);

    /// <summary>The version the next published table gets.</summary>
    public async Task<uint> NextVersionAsync(CancellationToken cancellation)
    {
        await using var command = dataSource.CreateCommand("select version from downlink_heads where item = 'fare_table'");
        return (uint)Convert.ToInt64(await command.ExecuteScalarAsync(cancellation)) + 1;
    }

    public int IssuerKeyId => signer.KeyId;

    /// <summary>Drafts not yet published, newest first.</summary>
    public async Task<IReadOnlyList<Draft>> OpenAsync(CancellationToken cancellation) =>
        await ReadAsync("where published_version is null order by draft_id desc", null, cancellation);

    public async Task<Draft?> FindAsync(long id, CancellationToken cancellation) =>
        (await ReadAsync("where draft_id = @id", id, cancellation)).SingleOrDefault();

    /// <summary>A new draft, a copy of the latest published table (or, with none, a table of one language and no routes); the answer's body holds its id.</summary>
    public Task<ChangeOutcome> StartAsync(ChangeRequest change, CancellationToken cancellation) => runner.RunAsync(change, async c =>
    {
        long basedOn = 0;
        var table = new FareTableBuilder { ValidFrom = c.Now / 1000 };
        await using (var latest = c.Command("select version, signed_table from fare_table_versions order by version desc limit 1"))
        await using (var reader = await latest.ExecuteReaderAsync(cancellation))
        {
            if (await reader.ReadAsync(cancellation))
            {
                basedOn = reader.GetInt64(0);
                table = FareTableReader.Read((byte[])reader.GetValue(1));
            }
        }

        await using var insert = c.Command("""
            insert into fare_table_drafts (based_on_version, unsigned_table, created_at, created_by, updated_at, updated_by)
            values (@based_on, @table, @at, @by, @at, @by) returning draft_id
            """);
        long id = Convert.ToInt64(await insert.With("based_on", basedOn).With("table", table.BuildUnsigned()).With("at", c.Now).With("by", c.Request.Actor)
            .ExecuteScalarAsync(cancellation));
        await c.AuditAsync("fare_table_draft.start", $"fare_table_draft:{id}", null, basedOn == 0 ? "an empty table" : $"from version {basedOn}", cancellation);
        return new ChangeResult(StatusCodes.Status201Created, new { draftId = id, basedOnVersion = basedOn });
    }, cancellation);

    /// <summary>Stores <paramref name="table"/> as the draft's content (whatever the parser says of it: a draft may be unfinished).</summary>
    public Task<ChangeOutcome> SaveAsync(ChangeRequest change, long id, FareTableBuilder table, CancellationToken cancellation) => runner.RunAsync(change, async c =>
    {
        await using var update = c.Command("""
            update fare_table_drafts set unsigned_table = @table, updated_at = @at, updated_by = @by where draft_id = @id and published_version is null
            """);
        if (await update.With("table", table.BuildUnsigned()).With("at", c.Now).With("by", c.Request.Actor).With("id", id).ExecuteNonQueryAsync(cancellation) == 0)
        {
            return NotEditable(id);
        }

        await c.AuditAsync("fare_table_draft.save", $"fare_table_draft:{id}", null,
            $"{table.Routes.Count} routes, {table.ZoneCount} zones, {table.Concessions.Count} concessions, {table.Promotions.Count} promotions", cancellation);
        return new ChangeResult(StatusCodes.Status200OK, new { draftId = id });
    }, cancellation);

    /// <summary>
    /// Publishes the draft as stored: refused (422, the refusals in the detail) if the parser refuses it, 404/409 for an
    /// unknown or already published draft, else the publisher's answer (a <see cref="FareTableVersionView"/>).
    /// </summary>
    public async Task<ChangeOutcome> PublishAsync(ChangeRequest change, long id, CancellationToken cancellation)
    {
        if (await FindAsync(id, cancellation) is not { PublishedVersion: null } draft)
        {
            return await runner.RunAsync(change, _ => Task.FromResult(NotEditable(id)), cancellation);
        }

        var table = draft.Table;
        table.Version = await NextVersionAsync(cancellation);
        table.IssuerKeyId = signer.KeyId;
        var verdict = FareDraftCheck.Check(table);
        if (!verdict.Accepted)
        {
            return await runner.RunAsync(change, _ => Task.FromResult(ChangeRequests.Problem(StatusCodes.Status422UnprocessableEntity,
                "The terminals would refuse this fare table.", $"The firmware's parser refuses it ({verdict.Status}): {string.Join(" ", verdict.Refusals.Values.Distinct())}")), cancellation);
        }

        return await changes.PublishFareTableAsync(change, table.Build(data => signer.Signature(data)), async (c, published) =>
        {
            await using var mark = c.Command("update fare_table_drafts set published_version = @version where draft_id = @id");
            await mark.With("version", (long)published.Version).With("id", id).ExecuteNonQueryAsync(cancellation);
        }, cancellation);
    }

    private static ChangeResult NotEditable(long id) =>
        ChangeRequests.Problem(StatusCodes.Status409Conflict, "The draft cannot be changed.", $"Draft {id} does not exist or is already published: start a new version from the current one.");

    private async Task<IReadOnlyList<Draft>> ReadAsync(string where, long? id, CancellationToken cancellation)
    {
        await using var command = dataSource.CreateCommand($"""
            select draft_id, based_on_version, unsigned_table, updated_at, updated_by, published_version from fare_table_drafts {where}
            """);
        if (id is { } value)
        {
            command.With("id", value);
        }

        var drafts = new List<Draft>();
        await using var reader = await command.ExecuteReaderAsync(cancellation);
        while (await reader.ReadAsync(cancellation))
        {
            drafts.Add(new Draft(reader.GetInt64(0), reader.GetInt64(1), FareTableReader.Read((byte[])reader.GetValue(2)),
                DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(3)), reader.GetString(4), reader.IsDBNull(5) ? null : reader.GetInt64(5)));
        }

        return drafts;
    }
}

/// <summary>Registers the fare table drafts of the back office (the downlink catalog's services come with <c>AddTerminalStatus</c>).</summary>
public static class FareTableDraftServices
{
    public static IServiceCollection AddFareTableDrafts(this IServiceCollection services) => services.AddSingleton<FareTableDrafts>();
}
