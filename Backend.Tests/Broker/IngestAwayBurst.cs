using Backend.Ingest.Provisioning;
using MQTTnet;
using MQTTnet.Formatter;
using MQTTnet.Protocol;
using Terminal.Firmware.Journal;
using Xunit;

namespace Backend.Tests.Broker;

/// <summary>
/// A burst that queues at the broker for the ingest user, as a fleet's uploads do when they arrive faster than ingest
/// takes them: the ingest user subscribes with a persistent session and goes away; terminal 5 publishes the burst,
/// which the broker must keep for the absent session; the ingest user comes back and takes what was kept.
/// </summary>
internal static class IngestAwayBurst
{
    /// <summary>
    /// How many messages of <paramref name="published"/> the ingest user received, once <paramref name="expected"/>
    /// arrived and half a second more brought no others; <paramref name="whileAway"/> runs after the burst, before it
    /// comes back (MQTTnet 5.2 queues the session's unacknowledged messages again on its return, dropped ones
    /// included, and counts the excess as dropped once more).
    /// </summary>
    public static Task<int> DeliveredAsync(SecuredBroker broker, int published, int expected, Action? whileAway = null) =>
        DeliveredAsync(broker.Port, broker.Ingest, () => broker.ConnectTerminalAsync(SecuredBroker.Five), SecuredBroker.Five, published, expected, whileAway);

    /// <summary>The same on any broker at <paramref name="port"/>: <paramref name="connectTerminal"/> logs in terminal <paramref name="terminalId"/>, which publishes the burst.</summary>
    public static async Task<int> DeliveredAsync(
        int port, IngestCredentials ingest, Func<Task<MqttProbe>> connectTerminal, uint terminalId, int published, int expected, Action? whileAway = null)
    {
        var factory = new MqttClientFactory();
        var options = new MqttClientOptionsBuilder()
            .WithTcpServer("127.0.0.1", port).WithProtocolVersion(MqttProtocolVersion.V500)
            .WithClientId("ingest-queue-test").WithCredentials(ingest.UserName, ingest.Password)
            .WithCleanStart(false).WithSessionExpiryInterval(300).Build();
        using (var away = factory.CreateMqttClient())
        {
            await away.ConnectAsync(options);
            await away.SubscribeAsync(new MqttClientSubscribeOptionsBuilder()
                .WithTopicFilter(TopicRights.Prefix + "+/tx", MqttQualityOfServiceLevel.AtLeastOnce).Build());
            await away.DisconnectAsync();
        }

        await using (var terminal = await connectTerminal())
        {
            for (var i = 0; i < published; i++)
            {
                Assert.Equal(MqttClientPublishReasonCode.Success, await terminal.PublishAsync(UplinkTopics.Transactions(terminalId), $"batch {i}"));
            }
        }

        whileAway?.Invoke();
        var received = 0;
        using var back = factory.CreateMqttClient();
        back.ApplicationMessageReceivedAsync += _ =>
        {
            Interlocked.Increment(ref received);
            return Task.CompletedTask;
        };
        await back.ConnectAsync(options);
        await Eventually.TrueAsync(() => Volatile.Read(ref received) >= expected);
        await Task.Delay(500);
        await back.DisconnectAsync();
        return received;
    }
}
