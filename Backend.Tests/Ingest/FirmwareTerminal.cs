using Terminal.Emulator.Uplink;
using Terminal.Firmware.Journal;
using Terminal.Firmware.Sync;
using Terminal.Simulation.Flash;
using Terminal.Simulation.Timing;
using Backend.Tests.Storage;
using Xunit;

namespace Backend.Tests.Ingest;

/// <summary>
/// A terminal as it runs on a bus: the firmware's journal and sync loop on simulated flash and clock, over the
/// emulator's MQTTnet link, driven in steps. Simulated time runs five times faster than real time, so the
/// terminal's reconnect back-off (1 s, 2 s, ...) stays short; an ack still comes well inside its 10 s timeout.
/// </summary>
internal sealed class FirmwareTerminal : IDisposable
{
    private readonly SimulatedClock _clock = new();
    private readonly Journal _journal = new(new SimulatedFlash(), Journal.DefaultBudgetBytes, 32);
    private readonly MqttUplink _uplink;
    private readonly SyncAgent _agent;

    /// <param name="password">The terminal's provisioned password; null on an anonymous test broker.</param>
    /// <param name="tls">Over TLS to the broker's TLS port, verified against the operator CA; null: plaintext.</param>
    public FirmwareTerminal(int brokerPort, uint id, string? password = null, Backend.Ingest.Tls.BrokerTlsClient? tls = null)
    {
        Id = id;
        Assert.Equal(JournalStatus.Ok, _journal.Open());
        _uplink = new MqttUplink(MqttUplinkSettings.ForTerminal("127.0.0.1", brokerPort, id, password ?? "anonymous") with { Tls = tls });
        _agent = new SyncAgent(_uplink, _journal, _clock, id);
    }

    public uint Id { get; }

    public int Appended { get; private set; }

    public bool HasUnacknowledged => _journal.HasUnacknowledged;

    public int ConnectAttempts => _agent.ConnectAttempts;

    /// <summary>Journals <paramref name="count"/> card taps, as passengers boarding.</summary>
    public void Board(int count)
    {
        for (var i = 0; i < count; i++)
        {
            Assert.Equal(JournalStatus.Ok, _journal.Append(Batches.Boarding(Appended)));
            Appended++;
        }
    }

    public async Task SyncUntilAcknowledgedAsync(int seconds = 30)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (_journal.HasUnacknowledged)
        {
            Assert.True(DateTime.UtcNow < deadline, $"terminal {Id}'s journal was not acknowledged within {seconds} s");
            await StepAsync();
        }
    }

    public async Task SyncForAsync(TimeSpan duration)
    {
        var until = DateTime.UtcNow + duration;
        while (DateTime.UtcNow < until)
        {
            await StepAsync();
        }
    }

    public void Dispose() => _uplink.Dispose();

    private async Task StepAsync()
    {
        _agent.Step();
        await Task.Delay(10);
        _clock.Advance(50_000);
    }
}
