using Terminal.Emulator.Board;
using Terminal.Emulator.Uplink;
using Terminal.Firmware.Blacklist;
using Terminal.Firmware.Crypto;
using Terminal.Firmware.Downlink;
using Terminal.Firmware.Fares;
using Terminal.Firmware.Loads;
using Terminal.Firmware.Journal;
using Terminal.Firmware.Qr;
using Terminal.Firmware.Sync;
using Terminal.Firmware.Tap;
using Terminal.Simulation.Flash;
using Backend.Tests.Storage;
using Xunit;

namespace Backend.Tests.Status;

/// <summary>
/// A terminal as it runs on a bus, minus the reader: the firmware's journal, SyncAgent and DownlinkStack on
/// simulated flash and the host's real clock, over the emulator's MQTTnet link with its own identity, subscribed to
/// its ack and config topics, and the offline status (<see cref="StatusCodec.EncodeOffline"/>) as its last will.
/// </summary>
internal sealed class StatusTerminal : IDisposable
{
    public const int AnchorKeyId = 1;

    private readonly Journal _journal;
    private readonly MqttUplink _uplink;
    private readonly SyncAgent _sync;
    private int _boarded;

    /// <param name="password">The terminal's provisioned password; anything on an anonymous broker.</param>
    /// <param name="backendKey">The backend's downlink public key, installed as the terminal's anchor key.</param>
    public StatusTerminal(int brokerPort, uint id, string password, byte[] backendKey)
    {
        Id = id;
        var flash = new SimulatedFlash();
        var clock = new OffsetClock(new HostClock());
        _journal = new Journal(flash);
        Assert.Equal(JournalStatus.Ok, _journal.Open());
        Blacklist = new BlacklistStore(flash);
        Blacklist.Open();
        var verifier = new Ed25519Verifier();
        var ring = new QrKeyRing(verifier, 4);
        Assert.True(ring.TryAdd(AnchorKeyId, backendKey, 0));
        Fares = new FareTableStore(new KeyRingSignatureVerifier(ring, verifier));

        _uplink = new MqttUplink(MqttUplinkSettings.ForTerminal("127.0.0.1", brokerPort, id, password));
        Stack = new DownlinkStack(_uplink, clock, clock, flash, _journal, Blacklist, new PendingLoadList(flash), Fares, ring, verifier, AnchorKeyId, 3,
            new TerminalConfig { TerminalId = (int)id, RouteId = 4 }, firmwareVersion: 7);
        Stack.Restore();
        _sync = new SyncAgent(Stack.Router, _journal, clock, id);
    }

    public uint Id { get; }

    public DownlinkStack Stack { get; }

    public FareTableStore Fares { get; }

    public BlacklistStore Blacklist { get; }

    /// <summary>What the terminal holds now, as its next status will say.</summary>
    public TerminalStatusReport Report()
    {
        var report = new TerminalStatusReport();
        Stack.Status.Describe(report);
        return report;
    }

    /// <summary>Journals <paramref name="count"/> card taps, as passengers boarding.</summary>
    public void Board(int count)
    {
        for (var i = 0; i < count; i++)
        {
            Assert.Equal(JournalStatus.Ok, _journal.Append(Batches.Boarding(_boarded)));
            _boarded++;
        }
    }

    /// <summary>Connects and publishes the first status before the sync agent uploads anything: it shows the whole backlog.</summary>
    public void ConnectAndReport()
    {
        Assert.True(Stack.Router.Connect(), $"terminal {Id} could not connect");
        Stack.Step();
        Assert.Equal(1, Stack.Status.Published);
    }

    /// <summary>Runs the main loop (sync agent, then downlink and status) until <paramref name="done"/> holds.</summary>
    public async Task RunUntilAsync(Func<TerminalStatusReport, bool> done, string what, int seconds = 10)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (!done(Report()) || _journal.HasUnacknowledged)
        {
            Assert.True(DateTime.UtcNow < deadline, $"terminal {Id}: {what} within {seconds} s");
            _sync.Step();
            Stack.Step();
            await Task.Delay(10);
        }

        Stack.Step();
    }

    /// <summary>Drops the TCP connection without an MQTT DISCONNECT, as a bus losing power: the broker publishes the will.</summary>
    public void Vanish() => _uplink.Dispose();

    public void Dispose() => _uplink.Dispose();
}
