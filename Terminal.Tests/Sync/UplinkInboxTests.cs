using System.Text;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Terminal.Firmware.Sync;
using Xunit;

namespace Terminal.Tests.Sync;

/// <summary>The device link's inbox: messages in order, a bounded wait, and every message it had no room for reported.</summary>
public sealed class UplinkInboxTests
{
    private readonly byte[] _topic = new byte[64];
    private readonly byte[] _payload = new byte[8];

    [Fact]
    public void MessagesComeOutInOrderWithTheirTopics()
    {
        var inbox = new UplinkInbox();
        Assert.True(inbox.Offer("fare/v1/terminals/7/ack", [1, 2]));
        Assert.True(inbox.Offer("fare/v1/terminals/7/config", [3]));

        Assert.Equal(2, inbox.Take(_topic, out int length, _payload));
        Assert.Equal("fare/v1/terminals/7/ack", Encoding.ASCII.GetString(_topic, 0, length));
        Assert.Equal([1, 2], _payload[..2]);
        Assert.Equal(1, inbox.Take(_topic, out length, _payload));
        Assert.Equal("fare/v1/terminals/7/config", Encoding.ASCII.GetString(_topic, 0, length));
        Assert.Equal(-1, inbox.Take(_topic, out length, _payload));
        Assert.Equal(0, length);
    }

    [Fact]
    public void AMessageTooLongForTheBuffersIsReportedAndTheNextStillComes()
    {
        var inbox = new UplinkInbox();
        inbox.Offer("t", new byte[9]);
        inbox.Offer(new string('t', 65), [1]);
        inbox.Offer("t", [5]);

        Assert.Equal(-2, inbox.Take(_topic, out _, _payload));
        Assert.Equal(-2, inbox.Take(_topic, out _, _payload));
        Assert.Equal(1, inbox.Take(_topic, out _, _payload));
        Assert.Equal(5, _payload[0]);
        Assert.Equal(0, inbox.Lost);
    }

    [Fact]
    public void AFullInboxRefusesTheNewestAndReportsEachOneLostAfterTheHeldOnes()
    {
        var inbox = new UplinkInbox();
        for (int i = 0; i < UplinkInbox.Capacity; i++)
        {
            Assert.True(inbox.Offer("t", [(byte)i]));
        }

        Assert.False(inbox.Offer("t", [100]));
        Assert.False(inbox.Offer("t", [101]));
        Assert.Equal(2, inbox.Lost);

        for (int i = 0; i < UplinkInbox.Capacity; i++)
        {
            Assert.Equal(1, inbox.Take(_topic, out _, _payload));
            Assert.Equal((byte)i, _payload[0]);
        }

        Assert.Equal(-2, inbox.Take(_topic, out _, _payload));
        Assert.Equal(-2, inbox.Take(_topic, out _, _payload));
        Assert.Equal(-1, inbox.Take(_topic, out _, _payload));
        Assert.True(inbox.Offer("t", [7]));
        Assert.Equal(2, inbox.Lost);
    }

    [Property]
    public Property EveryOfferedMessageComesOutOnceOrIsReportedOnce(PositiveInt[] steps)
    {
        // A step n > 0 offers n messages (numbered in order), then takes everything waiting up to n times.
        var inbox = new UplinkInbox();
        var taken = new List<int>();
        int offered = 0, accepted = 0, reported = 0;
        foreach (var step in steps)
        {
            int n = step.Get % 40;
            for (int k = 0; k < n; k++, offered++)
            {
                accepted += inbox.Offer("t", BitConverter.GetBytes(offered)) ? 1 : 0;
            }

            for (int k = 0; k < n / 2; k++)
            {
                int got = inbox.Take(_topic, out _, _payload);
                if (got == 4)
                {
                    taken.Add(BitConverter.ToInt32(_payload, 0));
                }
                else if (got == -2)
                {
                    reported++;
                }
            }
        }

        int last;
        while ((last = inbox.Take(_topic, out _, _payload)) != -1)
        {
            if (last == 4)
            {
                taken.Add(BitConverter.ToInt32(_payload, 0));
            }
            else
            {
                reported++;
            }
        }

        return (taken.Count == accepted).ToProperty()
            .And(reported == offered - accepted)
            .And(inbox.Lost == offered - accepted)
            .And(taken.SequenceEqual(taken.Order()));
    }
}
