using Backend.Ingest.Api;
using Backend.Ingest.Changes;
using Terminal.Firmware.Crypto;
using Terminal.Firmware.Fares;
using Terminal.Firmware.Qr;

namespace Backend.Ingest.Downlink;

/// <summary>
/// Publishes a signed fare table inside a change, with its audit row, if the terminals would take it: the firmware's
/// own store (<see cref="FareTableStore"/>: parser and Ed25519 check) must accept it with the backend's downlink key
/// alone, and its version must be newer than the latest published.
/// </summary>
public static class FareTablePublisher
{
    public static async Task<FareTablePublication> PublishAsync(ChangeContext change, byte[] signedTable, DownlinkSigner downlinkKey, CancellationToken cancellation)
    {
        var verifier = new Ed25519Verifier();
        var ring = new QrKeyRing(verifier, 1);
        ring.TryAdd(downlinkKey.KeyId, downlinkKey.PublicKey, 0);
        var store = new FareTableStore(new KeyRingSignatureVerifier(ring, verifier));
        var status = store.Load(signedTable, 0, signedTable.Length, change.Now / 1000);
        if (status is not (FareTableStatus.Loaded or FareTableStatus.Pending))
        {
            return FareTablePublication.Refused(StatusCodes.Status422UnprocessableEntity, "The terminals would refuse this fare table.",
                $"The firmware's fare table store refuses it: {status}"
                + (status == FareTableStatus.BadSignature ? $" (it must be signed by the backend's downlink key, id {downlinkKey.KeyId})." : "."));
        }

        var table = (store.Current ?? store.Pending)!;
        if (!await DownlinkHeads.TryAdvanceAsync(change, DownlinkHeads.FareTable, table.Version, cancellation))
        {
            uint current = await DownlinkHeads.CurrentAsync(change, DownlinkHeads.FareTable, cancellation);
            return FareTablePublication.Refused(StatusCodes.Status409Conflict, "The fare table is not newer.",
                $"Fare table version {table.Version} is not newer than the published version {current}; terminals only take a newer one.");
        }

        await using (var insert = change.Command("""
            insert into fare_table_versions (version, signed_table, valid_from, valid_until, published_at, published_by)
            values (@version, @table, @from, @until, @at, @by)
            """))
        {
            await insert.With("version", (long)table.Version).With("table", signedTable).With("from", table.ValidFrom).With("until", table.ValidUntil)
                .With("at", change.Now).With("by", change.Request.Actor).ExecuteNonQueryAsync(cancellation);
        }

        await change.AuditAsync("fare_table.publish", $"fare_table:{table.Version}", null,
            $"{signedTable.Length} bytes, valid from {table.ValidFrom} until {table.ValidUntil}, key {table.IssuerKeyId}", cancellation);
        return new FareTablePublication(table.Version, table.ValidFrom, table.ValidUntil, null);
    }
}

/// <summary>A published fare table's version and validity (unix s), or why it was refused.</summary>
public sealed record FareTablePublication(uint Version, long ValidFrom, long ValidUntil, ChangeResult? Refusal)
{
    public static FareTablePublication Refused(int status, string title, string detail) => new(0, 0, 0, ChangeRequests.Problem(status, title, detail));
}
