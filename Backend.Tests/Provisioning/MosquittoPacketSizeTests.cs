using System.Net.Sockets;
using System.Text;
using Backend.Ingest.Provisioning;
using Backend.Tests.Broker;
using MQTTnet;
using Terminal.Firmware.Journal;
using Xunit;

namespace Backend.Tests.Provisioning;

/// <summary>
/// Issue 14: without a limit Mosquitto took a 64 MB publish and handed it whole to the backend. The generated
/// <c>max_packet_size</c> (the largest valid message, a downlink) makes it drop the sender instead. The oversized
/// PUBLISH is written on a raw socket, so that no client library's own check stands in for the broker's.
/// </summary>
public sealed class MosquittoPacketSizeTests
{
    private const int LargestBatch = 16_400;

    [Fact]
    public async Task APublishAboveTheLimitDropsTheSenderAndReachesNobodyWhileTheLargestBatchPasses()
    {
        await using var broker = await MosquittoSecuredBroker.StartAsync();
        await using var ingest = await broker.ConnectIngestAsync();
        Assert.Equal(MqttClientSubscribeResultCode.GrantedQoS1, await ingest.SubscribeAsync(TopicRights.Prefix + "+/tx"));
        await using (var seven = await broker.ConnectTerminalAsync(SecuredBroker.Seven))
        {
            Assert.Equal(MqttClientPublishReasonCode.Success, await seven.PublishAsync(UplinkTopics.Transactions(SecuredBroker.Seven), new string('b', LargestBatch)));
            Assert.True(await ingest.ReceivesAsync(new string('b', LargestBatch)));
        }

        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        await socket.ConnectAsync("127.0.0.1", broker.Port);
        var five = BrokerIdentity.Terminal(SecuredBroker.Five);
        await socket.SendAsync(Packet(0x10, [.. Text("MQTT"), 4, 0xC2, 0, 60, .. Text(five), .. Text(five), .. Text(broker.TerminalPasswords[SecuredBroker.Five])]));
        var connAck = new byte[4];
        Assert.Equal(4, await socket.ReceiveAsync(connAck));
        Assert.Equal(new byte[] { 0x20, 2, 0, 0 }, connAck);

        var oversized = MosquittoLimits.Default.MaxPacketSize + 1;
        await socket.SendAsync(Packet(0x30, [.. Text(UplinkTopics.Transactions(SecuredBroker.Five)), .. new byte[oversized]]));

        Assert.True(await ClosedByTheBrokerAsync(socket), "the broker sent something instead of dropping the sender");
        Assert.Single(ingest.Received);
    }

    /// <summary>Mosquitto closes the socket with the rest of the packet unread, which the kernel answers with a reset.</summary>
    private static async Task<bool> ClosedByTheBrokerAsync(Socket socket)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        try
        {
            return await socket.ReceiveAsync(new byte[1], timeout.Token) == 0;
        }
        catch (SocketException e) when (e.SocketErrorCode == SocketError.ConnectionReset)
        {
            return true;
        }
    }

    private static byte[] Text(string value)
    {
        var bytes = Encoding.UTF8.GetBytes(value);
        return [(byte)(bytes.Length >> 8), (byte)bytes.Length, .. bytes];
    }

    private static byte[] Packet(byte type, byte[] body)
    {
        var header = new List<byte> { type };
        var length = body.Length;
        do
        {
            var digit = (byte)(length % 128);
            length /= 128;
            header.Add(length > 0 ? (byte)(digit | 0x80) : digit);
        }
        while (length > 0);

        return [.. header, .. body];
    }
}
