using Backend.Ingest.Provisioning;
using Microsoft.Extensions.Logging;
using MQTTnet.Protocol;
using MQTTnet.Server;

namespace Backend.Ingest.Broker;

/// <summary>
/// The embedded broker's security, as MQTTnet server interceptors: who may connect (a provisioned terminal under
/// its own name and client id, or the ingest user), and what each may publish and subscribe to (<see cref="TopicPolicy"/>).
/// Every refusal carries an MQTT 5 reason code, is counted and is logged with the client and the topic.
/// </summary>
public sealed class BrokerGuard(TerminalCredentialStore terminals, IngestCredentials ingest, BrokerCounters counters, ILogger<BrokerGuard> logger)
{
    public Task ValidateConnectionAsync(ValidatingConnectionEventArgs e)
    {
        e.ReasonCode = Validate(e.UserName, e.Password, e.ClientId);
        if (e.ReasonCode != MqttConnectReasonCode.Success)
        {
            counters.ConnectionRefused();
            logger.LogWarning("Refused connection of client {ClientId} as user {UserName} from {Endpoint}: {Reason}",
                e.ClientId, e.UserName, e.RemoteEndPoint, e.ReasonCode);
        }

        return Task.CompletedTask;
    }

    public Task InterceptPublishAsync(InterceptingPublishEventArgs e)
    {
        var topic = e.ApplicationMessage.Topic;
        if (BrokerClient.From(e.UserName, ingest) is { } client && TopicPolicy.MayPublish(client, topic))
        {
            return Task.CompletedTask;
        }

        e.ProcessPublish = false;
        e.Response.ReasonCode = MqttPubAckReasonCode.NotAuthorized;
        counters.PublishRefused();
        logger.LogWarning("Refused publish from {ClientId} (user {UserName}) to {Topic}", e.ClientId, e.UserName, topic);
        return Task.CompletedTask;
    }

    public Task InterceptSubscriptionAsync(InterceptingSubscriptionEventArgs e)
    {
        // MQTTnet answers "$share/..." filters itself (SharedSubscriptionsNotSupported) without asking this interceptor.
        var filter = e.TopicFilter.Topic;
        if (BrokerClient.From(e.UserName, ingest) is { } client && TopicPolicy.MaySubscribe(client, filter))
        {
            return Task.CompletedTask;
        }

        e.ProcessSubscription = false;
        e.Response.ReasonCode = MqttSubscribeReasonCode.NotAuthorized;
        counters.SubscriptionRefused();
        logger.LogWarning("Refused subscription of {ClientId} (user {UserName}) to {Filter}", e.ClientId, e.UserName, filter);
        return Task.CompletedTask;
    }

    private MqttConnectReasonCode Validate(string? userName, string? password, string? clientId)
    {
        if (userName == ingest.UserName)
        {
            if (!ingest.Matches(userName, password))
            {
                return MqttConnectReasonCode.BadUserNameOrPassword;
            }

            // A terminal's client id would let the backend take over (and read) that terminal's session.
            return clientId is null || clientId.StartsWith(BrokerIdentity.TerminalPrefix, StringComparison.Ordinal)
                ? MqttConnectReasonCode.ClientIdentifierNotValid
                : MqttConnectReasonCode.Success;
        }

        if (!BrokerIdentity.TryParseTerminal(userName, out var terminalId) || !terminals.Verify(terminalId, password))
        {
            return MqttConnectReasonCode.BadUserNameOrPassword;
        }

        return clientId == userName ? MqttConnectReasonCode.Success : MqttConnectReasonCode.ClientIdentifierNotValid;
    }
}
