using System.Data.Common;
using System.Text.Json;
using Backend.Ingest.Accounts;
using Backend.Ingest.Api;
using Backend.Ingest.Changes;
using Backend.Ingest.Storage.Schema;

namespace Backend.Ingest.Privacy;

/// <summary>
/// At start, once the schema is migrated: checks that the privacy key is the one the database's contacts were sealed
/// with (a different key is a start-up error, never a silent second key), then seals any contact details still held
/// as plaintext (accounts from before schema 0016) and clears them, in one audited change.
/// </summary>
internal sealed class ContactSealingService(
    ChangeRunner runner, ContactVault vault, PrivacyKey key, SchemaReadiness schema, IHostApplicationLifetime lifetime,
    ILogger<ContactSealingService> log) : IHostedService
{
    public const string Actor = "system:privacy";

    private readonly CancellationTokenSource _stopping = new();
    private Task _waiting = Task.CompletedTask;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (schema.IsReady)
        {
            await SealAsync(cancellationToken);
            return;
        }

        // The database is away: the migration retries in the background, and so does this, stopping the backend if the key is wrong.
        _waiting = Task.Run(async () =>
        {
            await schema.WaitAsync(_stopping.Token);
            try
            {
                await SealAsync(_stopping.Token);
            }
            catch (PrivacyKeyMismatchException e)
            {
                log.LogCritical("{Reason}", e.Message);
                lifetime.StopApplication();
            }
        });
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync();
        try
        {
            await _waiting;
        }
        catch (OperationCanceledException)
        {
            // Stopped before the schema was ready; the next start seals.
        }
    }

    private async Task SealAsync(CancellationToken cancellation)
    {
        var outcome = await runner.RunAsync(ChangeRequests.Internal("privacy.seal-contacts", Actor, new { }), async change =>
        {
            await CheckKeyAsync(change, cancellation);
            var plaintext = new List<(long Id, ContactDetails Contacts)>();
            await using (var select = change.Command("""
                select account_id, contact_name, contact_email, contact_phone from accounts
                where contact_name is not null or contact_email is not null or contact_phone is not null
                """))
            await using (var reader = await select.ExecuteReaderAsync(cancellation))
            {
                while (await reader.ReadAsync(cancellation))
                {
                    plaintext.Add((reader.GetInt64(0), new ContactDetails(Text(reader, 1), Text(reader, 2), Text(reader, 3))));
                }
            }

            foreach (var (id, contacts) in plaintext)
            {
                await AccountRegistry.SealContactsAsync(change.Connection, change.Transaction, vault, id, contacts, cancellation);
            }

            if (plaintext.Count > 0)
            {
                await change.AuditAsync("privacy.seal-contacts", "accounts", "contact details encrypted at rest (schema 0016)",
                    JsonSerializer.Serialize(new { accounts = plaintext.Count }), cancellation);
            }

            return new ChangeResult(StatusCodes.Status200OK, new { sealedAccounts = plaintext.Count });
        }, cancellation);
        log.LogInformation("Privacy key checked; contact details sealed at rest ({Outcome})", outcome.Body);
    }

    /// <summary>Stores this key's check value on first use; afterwards a different one means another key.</summary>
    private async Task CheckKeyAsync(ChangeContext change, CancellationToken cancellation)
    {
        await using (var insert = change.Command("insert into privacy_key_check (only_row, key_check, created_at) values (1, @check, @at) on conflict (only_row) do nothing"))
        {
            insert.With("check", key.Check).With("at", change.Now);
            await insert.ExecuteNonQueryAsync(cancellation);
        }

        await using var read = change.Command("select key_check from privacy_key_check where only_row = 1");
        if (await read.ExecuteScalarAsync(cancellation) is string stored && stored != key.Check)
        {
            throw new PrivacyKeyMismatchException(
                "The privacy key is not the one this database's contact details were sealed with (privacy_key_check differs): "
                + "start the backend with the original privacy.key (Backend:Privacy:KeyFile), restored from its backup; see docs/privacy.md.");
        }
    }

    private static string? Text(DbDataReader reader, int column) => reader.IsDBNull(column) ? null : reader.GetString(column);
}
