using Backend.Ingest.Changes;

namespace Backend.Ingest.Downlink;

/// <summary>
/// The changes the API and the back-office pages make to the downlink catalog, one code path for both: block and
/// unblock a card, publish a signed fare table. Each runs once per idempotency key in one transaction with its audit
/// rows; once committed, this process's catalog reads it at once, so its terminals get it at their next status.
/// </summary>
public sealed class DownlinkChanges(ChangeRunner runner, DownlinkCatalog catalog, DownlinkSigner signer)
{
    public Task<ChangeOutcome> BlockAsync(ChangeRequest change, string card, string status, string reason, CancellationToken cancellation) =>
        RunAsync(change, c => CardBlocks.BlockAsync(c, card, status, reason, cancellation), cancellation);

    public Task<ChangeOutcome> UnblockAsync(ChangeRequest change, string card, string reason, CancellationToken cancellation) =>
        RunAsync(change, c => CardBlocks.UnblockAsync(c, card, reason, cancellation), cancellation);

    /// <summary>
    /// Publishes <paramref name="table"/> (signed) if the terminals would take it; <paramref name="alsoInside"/> runs in
    /// the same transaction after a publication (e.g. marking the draft it came from).
    /// </summary>
    public Task<ChangeOutcome> PublishFareTableAsync(
        ChangeRequest change, byte[] table, Func<ChangeContext, FareTablePublication, Task>? alsoInside, CancellationToken cancellation) =>
        RunAsync(change, async c =>
        {
            var published = await FareTablePublisher.PublishAsync(c, table, signer, cancellation);
            if (published.Refusal is { } refusal)
            {
                return refusal;
            }

            if (alsoInside is not null)
            {
                await alsoInside(c, published);
            }

            return new ChangeResult(StatusCodes.Status201Created, new FareTableVersionView(
                published.Version, published.ValidFrom, published.ValidUntil, DateTimeOffset.FromUnixTimeMilliseconds(c.Now), c.Request.Actor, table.Length));
        }, cancellation);

    private async Task<ChangeOutcome> RunAsync(ChangeRequest change, Func<ChangeContext, Task<ChangeResult>> run, CancellationToken cancellation)
    {
        var outcome = await runner.RunAsync(change, run, cancellation);
        if (outcome.Status < 400 && !outcome.Replayed)
        {
            await catalog.RefreshAsync(cancellation);
        }

        return outcome;
    }
}
