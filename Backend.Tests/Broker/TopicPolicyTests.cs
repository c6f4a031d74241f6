using Backend.Ingest.Broker;
using Backend.Ingest.Provisioning;
using Xunit;

namespace Backend.Tests.Broker;

public sealed class TopicPolicyTests
{
    private static readonly BrokerClient Terminal17 = new(IsIngest: false, TerminalId: 17);
    private static readonly BrokerClient Ingest = new(IsIngest: true, TerminalId: 0);

    [Theory]
    [InlineData("fare/v1/terminals/17/tx", true)]
    [InlineData("fare/v1/terminals/17/status", true)]
    [InlineData("fare/v1/terminals/17/ack", false)]
    [InlineData("fare/v1/terminals/1/tx", false)]
    [InlineData("fare/v1/terminals/170/tx", false)]
    [InlineData("fare/v1/terminals/17/tx/more", false)]
    public void ATerminalPublishesOnlyItsOwnBatchesAndStatus(string topic, bool allowed) =>
        Assert.Equal(allowed, TopicPolicy.MayPublish(Terminal17, topic));

    [Theory]
    [InlineData("fare/v1/terminals/17/ack", true)]
    [InlineData("fare/v1/terminals/17/config", true)]
    [InlineData("fare/v1/terminals/17/+", false)]
    [InlineData("fare/v1/terminals/+/ack", false)]
    [InlineData("fare/v1/terminals/17/tx", false)]
    [InlineData("#", false)]
    public void ATerminalSubscribesOnlyToItsOwnDownlink(string filter, bool allowed) =>
        Assert.Equal(allowed, TopicPolicy.MaySubscribe(Terminal17, filter));

    [Theory]
    [InlineData("fare/v1/terminals/+/tx", true)]
    [InlineData("fare/v1/terminals/+/status", true)]
    [InlineData("fare/v1/terminals/9/tx", true)]
    [InlineData("fare/v1/terminals/#", false)]
    [InlineData("fare/v1/terminals/+/ack", false)]
    [InlineData("fare/v1/terminals/9/+", false)]
    public void TheIngestUserReadsUplinksOnly(string filter, bool allowed) =>
        Assert.Equal(allowed, TopicPolicy.MaySubscribe(Ingest, filter));

    [Theory]
    [InlineData("fare/v1/terminals/9/ack", true)]
    [InlineData("fare/v1/terminals/9/config", true)]
    [InlineData("fare/v1/terminals/9/tx", false)]
    [InlineData("elsewhere", false)]
    public void TheIngestUserWritesDownlinksOnly(string topic, bool allowed) =>
        Assert.Equal(allowed, TopicPolicy.MayPublish(Ingest, topic));

    [Theory]
    [InlineData("terminal-17", true, 17u)]
    [InlineData("terminal-4294967295", true, uint.MaxValue)]
    [InlineData("terminal-017", false, 0u)]
    [InlineData("terminal-+1", false, 0u)]
    [InlineData("terminal-4294967296", false, 0u)]
    [InlineData("terminal-", false, 0u)]
    [InlineData("ingest", false, 0u)]
    public void EachTerminalHasExactlyOneName(string name, bool isTerminal, uint id)
    {
        Assert.Equal(isTerminal, BrokerIdentity.TryParseTerminal(name, out var parsed));
        Assert.Equal(id, parsed);
    }
}
