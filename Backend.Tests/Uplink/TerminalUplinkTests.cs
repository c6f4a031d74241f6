using Backend.Tests.Infrastructure;
using Terminal.Emulator.Uplink;
using Terminal.Firmware.Journal;
using Terminal.Firmware.Sync;
using Terminal.Simulation.Flash;
using Terminal.Simulation.Timing;
using Xunit;

namespace Backend.Tests.Uplink;

/// <summary>The firmware's sync loop over the emulator's MQTTnet link to a real Mosquitto, through a broker restart.</summary>
public sealed class TerminalUplinkTests
{
    private const uint TerminalId = 31;

    [Fact]
    public async Task TheJournalReachesTheIngestExactlyOnceAcrossABrokerRestart()
    {
        await using var broker = await MosquittoBroker.StartAsync();
        await using var ingest = new StandInIngest();
        await ingest.ConnectAsync(broker.Port);
        var clock = new SimulatedClock();
        var journal = new Terminal.Firmware.Journal.Journal(new SimulatedFlash(), Terminal.Firmware.Journal.Journal.DefaultBudgetBytes, 32);
        Assert.Equal(JournalStatus.Ok, journal.Open());
        using var uplink = new MqttUplink(MqttUplinkSettings.ForTerminal("127.0.0.1", broker.Port, TerminalId, "anonymous"));
        var agent = new SyncAgent(uplink, journal, clock, TerminalId);

        Append(journal, 150);
        await RunUntilAsync(agent, clock, () => !journal.HasUnacknowledged);
        Assert.Equal(150, ingest.Stored.Count);

        Append(journal, 150);
        await broker.StopAsync();
        await RunForAsync(agent, clock, TimeSpan.FromSeconds(1));
        Assert.True(journal.HasUnacknowledged);
        await broker.StartAsync();
        await ingest.ReconnectAsync(broker.Port);
        await RunUntilAsync(agent, clock, () => !journal.HasUnacknowledged);

        Assert.Equal(300, ingest.Stored.Count);
        Assert.Equal(Enumerable.Range(1, 300).Select(n => (uint)n), ingest.Stored.Keys.Select(k => k.Sequence).Order());
        Assert.True(agent.ConnectAttempts >= 2);
    }

    private static void Append(Terminal.Firmware.Journal.Journal journal, int count)
    {
        for (var i = 0; i < count; i++)
        {
            var record = new TxRecord { Kind = TxKind.CardTapAccepted, Timestamp = 1_767_225_600u, Amount = 250, BalanceAfter = 1000, CardCounter = i };
            record.SetCard([0x04, 0x10, 0x20, 0x30, 0x40, 0x50, (byte)i], 0, 7);
            Assert.Equal(JournalStatus.Ok, journal.Append(record));
        }
    }

    private static async Task RunUntilAsync(SyncAgent agent, SimulatedClock clock, Func<bool> done)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (!done())
        {
            Assert.True(DateTime.UtcNow < deadline, "the journal was not acknowledged within 60 s");
            await StepAsync(agent, clock);
        }
    }

    private static async Task RunForAsync(SyncAgent agent, SimulatedClock clock, TimeSpan duration)
    {
        var until = DateTime.UtcNow + duration;
        while (DateTime.UtcNow < until)
        {
            await StepAsync(agent, clock);
        }
    }

    /// <summary>The main loop's pace: simulated time advances with real time, so back-off and ack timeouts run as on a bus.</summary>
    private static async Task StepAsync(SyncAgent agent, SimulatedClock clock)
    {
        agent.Step();
        await Task.Delay(20);
        clock.Advance(20_000);
    }
}
