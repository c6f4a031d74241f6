using System.Data.Common;
using Backend.Ingest.Api;
using Backend.Ingest.Downlink;
using Terminal.Firmware.Downlink;
using Terminal.Firmware.Journal;

namespace Backend.Ingest.Resend;

/// <summary>
/// Sends the open Resend requests (<see cref="ResendRequests"/>) as signed Resend downlinks (kind 8) on each terminal's
/// config topic, through the status consumer's broker connection: every request not yet asked as soon as the backend
/// runs or one is made (<see cref="Wake"/>), and again at a status of a terminal that still holds acknowledged
/// records from the request's sequence on, no JournalRewound event (code 13) having come since the first ask, once
/// <see cref="ReaskAfter"/> has passed since the last ask: a terminal offline for days is asked when it comes back.
/// A request is answered when that event is stored. A publication the broker link refuses stays unasked and is tried again.
/// </summary>
public sealed class ResendAsker(DbDataSource dataSource, DownlinkSigner signer, TimeProvider clock, TimeSpan reaskAfter, ILogger<ResendAsker> logger)
{
    /// <summary>How often the requests are looked at without a wake-up (another backend process may have made one).</summary>
    public static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(30);

    /// <summary>How soon requests the broker link refused (it connects just after start) are tried again.</summary>
    public static readonly TimeSpan RetryInterval = TimeSpan.FromSeconds(1);

    private readonly SemaphoreSlim _wake = new(0);

    /// <summary>Publishes one message at QoS 1, not retained; false when the broker link is down.</summary>
    public delegate Task<bool> Publish(string topic, byte[] payload, CancellationToken cancellation);

    public TimeSpan ReaskAfter => reaskAfter;

    /// <summary>A request was just made: send it now rather than at the next poll.</summary>
    public void Wake() => _wake.Release();

    /// <summary>Sends every request not asked yet, then waits for a wake-up or the poll interval, until stopped.</summary>
    public async Task RunAsync(Publish publish, CancellationToken cancellation)
    {
        while (!cancellation.IsCancellationRequested)
        {
            var wait = PollInterval;
            try
            {
                if (await AskUnaskedAsync(publish, cancellation) > 0)
                {
                    wait = RetryInterval;
                }
            }
            catch (DbException e)
            {
                logger.LogWarning("Reading the Resend requests failed; trying again in {Seconds} s: {Reason}", PollInterval.TotalSeconds, e.Message);
            }

            await _wake.WaitAsync(wait, cancellation);
        }
    }

    /// <summary>The requests never asked, each asked once; returns how many are left unasked (the broker link refused them).</summary>
    public async Task<int> AskUnaskedAsync(Publish publish, CancellationToken cancellation)
    {
        var unasked = new List<(long Number, uint Terminal, long From)>();
        await using (var command = dataSource.CreateCommand(
            "select resend_number, terminal_id, from_sequence from resend_requests where outcome is null and first_asked_at is null order by terminal_id"))
        await using (var reader = await command.ExecuteReaderAsync(cancellation))
        {
            while (await reader.ReadAsync(cancellation))
            {
                unasked.Add((Convert.ToInt64(reader.GetValue(0)), (uint)Convert.ToInt64(reader.GetValue(1)), Convert.ToInt64(reader.GetValue(2))));
            }
        }

        int left = 0;
        foreach (var (number, terminal, from) in unasked)
        {
            left += await AskAsync(publish, number, terminal, from, cancellation) ? 0 : 1;
        }

        return left;
    }

    /// <summary>
    /// At a terminal's online status: closes its open request if the terminal has rewound since it was asked, else asks
    /// (first time, or again when due and the status shows it still holds acknowledged records the request wants).
    /// </summary>
    public async Task OnStatusAsync(Fleet.TerminalStatusReport report, Publish publish, CancellationToken cancellation)
    {
        var open = new List<(long Number, long From, long? FirstAsked, long? LastAsked)>();
        await using (var command = dataSource.CreateCommand("""
            select resend_number, from_sequence, first_asked_at, last_asked_at from resend_requests
            where terminal_id = @terminal and outcome is null order by resend_number desc
            """))
        {
            command.With("terminal", (long)report.TerminalId);
            await using var reader = await command.ExecuteReaderAsync(cancellation);
            while (await reader.ReadAsync(cancellation))
            {
                open.Add((Convert.ToInt64(reader.GetValue(0)), Convert.ToInt64(reader.GetValue(1)),
                    reader.IsDBNull(2) ? null : Convert.ToInt64(reader.GetValue(2)), reader.IsDBNull(3) ? null : Convert.ToInt64(reader.GetValue(3))));
            }
        }

        // AddAsync supersedes older open requests, so there is at most one.
        if (open is not [var (number, from, firstAsked, lastAsked), ..])
        {
            return;
        }

        long now = clock.GetUtcNow().ToUnixTimeMilliseconds();
        if (firstAsked is { } asked && await RewoundFromAsync(report.TerminalId, asked, cancellation) is { } rewoundFrom)
        {
            await using var answer = dataSource.CreateCommand("""
                update resend_requests set outcome = 'rewound', answered_at = @at, rewound_from = @rewound
                where resend_number = @number and terminal_id = @terminal and outcome is null
                """);
            await answer.With("at", now).With("rewound", rewoundFrom).With("number", number).With("terminal", (long)report.TerminalId)
                .ExecuteNonQueryAsync(cancellation);
            logger.LogInformation("Terminal {Terminal} rewound its journal for resend {Number}: uploading again from sequence {From}", report.TerminalId, number, rewoundFrom);
            return;
        }

        bool due = lastAsked is null || (report.AcknowledgedUpTo >= from && now - lastAsked.Value >= (long)reaskAfter.TotalMilliseconds);
        if (due)
        {
            await AskAsync(publish, number, report.TerminalId, from, cancellation);
        }
    }

    private async Task<bool> AskAsync(Publish publish, long number, uint terminal, long from, CancellationToken cancellation)
    {
        var body = new byte[ResendBody.Size];
        ResendBody.Write((uint)from, body, 0);
        var now = clock.GetUtcNow();
        var message = signer.Sign(DownlinkKind.Resend, terminal, 0, (uint)number, now.ToUnixTimeSeconds(), body);
        if (!await publish(DownlinkTopics.Config(terminal), message, cancellation))
        {
            logger.LogInformation("Resend {Number} to terminal {Terminal} not published (broker link down); tried again later", number, terminal);
            return false;
        }

        await using var mark = dataSource.CreateCommand("""
            update resend_requests set first_asked_at = coalesce(first_asked_at, @at), last_asked_at = @at, asks = asks + 1
            where resend_number = @number and terminal_id = @terminal
            """);
        await mark.With("at", now.ToUnixTimeMilliseconds()).With("number", number).With("terminal", (long)terminal).ExecuteNonQueryAsync(cancellation);
        logger.LogInformation("Asked terminal {Terminal} to upload again from sequence {From} (resend {Number})", terminal, from, number);
        return true;
    }

    /// <summary>The value of a JournalRewound event the terminal stored after <paramref name="since"/> (unix ms): the first sequence it uploads again.</summary>
    private async Task<long?> RewoundFromAsync(uint terminal, long since, CancellationToken cancellation)
    {
        await using var command = dataSource.CreateCommand("""
            select record from transactions where terminal_id = @terminal and kind = @kind and received_at >= @since order by sequence
            """);
        command.With("terminal", (long)terminal).With("kind", (int)TxKind.TerminalEvent).With("since", since);
        await using var reader = await command.ExecuteReaderAsync(cancellation);
        var record = new TxRecord();
        while (await reader.ReadAsync(cancellation))
        {
            // The store took the record only once it decoded, so it decodes again here.
            TxRecordCodec.Decode((byte[])reader.GetValue(0), 0, record);
            if (record.EventCode == (int)TerminalEventCode.JournalRewound)
            {
                return record.EventValue;
            }
        }

        return null;
    }
}
