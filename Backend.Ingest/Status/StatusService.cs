using System.Buffers;
using System.Threading.Channels;
using Backend.Ingest.Downlink;
using Backend.Ingest.Fleet;
using Backend.Ingest.Hosting;
using Backend.Ingest.Ingest;
using Backend.Ingest.Resend;
using Microsoft.Extensions.Options;
using MQTTnet;
using Terminal.Firmware.Journal;

namespace Backend.Ingest.Status;

/// <summary>
/// The backend's consumer of terminal status, with its own broker connection (user <c>ingest</c>, client id
/// "{Backend:Ingest:ClientId}-status"). Production: <c>$share/{SharedGroup}/fare/v1/terminals/+/status</c>, so the
/// backend processes between them handle each status once; Embedded: the plain filter. Each status is checked
/// (<see cref="StatusIntake"/>), recorded in <c>terminal_status</c> (online: its versions and backlog; the will:
/// offline), and an online one is answered on the terminal's config topic with what it lacks
/// (<see cref="DownlinkPlanner"/>) and, after a restore or an operator's request, a Resend (<see cref="ResendAsker"/>,
/// which also sends the requests not yet asked as soon as the consumer runs). Its PUBACK goes only once it is recorded: a database outage delays the row
/// (retried with back-off) and never loses the status nor stops the service.
/// </summary>
public sealed class StatusService(
    IOptions<BackendOptions> options, IBrokerEndpoint endpoint, TerminalStatusStore store, DownlinkPlanner planner, ResendAsker resends,
    StatusCounters counters, TimeProvider clock, ILogger<StatusService> logger)
    : BackgroundService
{
    public const string StatusFilter = UplinkTopics.Prefix + "+/status";

    /// <summary>Handled one at a time, in arrival order, off MQTTnet's receive loop, so a slow database never stalls the link.</summary>
    private readonly Channel<ReceivedStatus> _queue = Channel.CreateUnbounded<ReceivedStatus>(new UnboundedChannelOptions { SingleReader = true });

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var backend = options.Value;
        var filter = backend.Mode == BackendMode.Embedded ? StatusFilter : $"$share/{backend.Ingest.SharedGroup}/{StatusFilter}";
        var clientId = (backend.Ingest.ClientId ?? $"ingest-{Environment.MachineName}") + "-status";
        using var connection = new BrokerConnection(endpoint, clientId, filter, counters, logger, (message, generation) =>
        {
            _queue.Writer.TryWrite(new ReceivedStatus(message, generation, clock.GetUtcNow()));
            return Task.CompletedTask;
        });
        try
        {
            await Task.WhenAll(connection.RunAsync(stoppingToken), HandleAllAsync(connection, stoppingToken),
                resends.RunAsync(connection.PublishAsync, stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            logger.LogInformation("Status consumer stopped; statuses not yet recorded stay unacknowledged and will be redelivered");
        }
        finally
        {
            await connection.DisconnectAsync();
        }
    }

    private async Task HandleAllAsync(BrokerConnection connection, CancellationToken cancellation)
    {
        await foreach (var (message, generation, receivedAt) in _queue.Reader.ReadAllAsync(cancellation))
        {
            await HandleAsync(connection, message.ApplicationMessage, receivedAt, cancellation);
            await connection.AcknowledgeAsync(message, generation, cancellation);
        }
    }

    private async Task HandleAsync(BrokerConnection connection, MqttApplicationMessage message, DateTimeOffset receivedAt, CancellationToken cancellation)
    {
        counters.Received();
        var topic = message.Topic;
        var payload = message.Payload.ToArray();
        var verdict = StatusIntake.Inspect(topic, payload, receivedAt);
        if (verdict.Report is not { } report)
        {
            counters.Refused();
            logger.LogWarning("Refused a message on {Topic}, not recorded: {Reason}", topic, verdict.Reason);
            return;
        }

        if (!report.Online)
        {
            await RecordAsync(report, () => store.MarkOfflineAsync(report.TerminalId, receivedAt, cancellation), cancellation);
            counters.Reported(report.TerminalId, null, receivedAt);
            return;
        }

        // The catch-up needs only the catalog: it goes out before the row, so a database outage does not hold it back.
        await SendCatchUpAsync(connection, topic, payload, cancellation);
        await RecordAsync(report, () => resends.OnStatusAsync(report, connection.PublishAsync, cancellation), cancellation);
        await RecordAsync(report, () => store.UpsertAsync(report, cancellation), cancellation);
        counters.Reported(report.TerminalId, report.JournalBacklog, receivedAt);
    }

    private async Task SendCatchUpAsync(BrokerConnection connection, string topic, byte[] payload, CancellationToken cancellation)
    {
        var plan = await planner.OnStatusAsync(topic, payload, async (configTopic, message, token) =>
        {
            if (await connection.PublishAsync(configTopic, message, token))
            {
                counters.Published();
            }
            else
            {
                logger.LogInformation("Downlink to {Topic} not published (broker link down); the terminal's next status asks again", configTopic);
            }
        }, cancellation);
        foreach (var problem in plan.Problems)
        {
            logger.LogWarning("Downlink for {Topic}: {Problem}", topic, problem);
        }
    }

    private Task RecordAsync(TerminalStatusReport report, Func<Task> write, CancellationToken cancellation) =>
        DatabaseRetry.UntilDoneAsync(write, (e, delay) =>
        {
            counters.StoreFailed();
            logger.LogWarning("Recording the {State} status of terminal {Terminal} failed; retrying in {Delay} ms: {Reason}",
                report.Online ? "online" : "offline", report.TerminalId, delay.TotalMilliseconds, e.Message);
        }, cancellation);

    /// <summary>A status message, the connection it came on (its PUBACK goes only there) and the backend's clock when it arrived.</summary>
    private sealed record ReceivedStatus(MqttApplicationMessageReceivedEventArgs Message, int Generation, DateTimeOffset ReceivedAt);
}
