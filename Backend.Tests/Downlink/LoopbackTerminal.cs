using Backend.Ingest.Downlink;
using Terminal.Drivers.Hal;
using Terminal.Emulator.Backoffice;
using Terminal.Firmware.Blacklist;
using Terminal.Firmware.Crypto;
using Terminal.Firmware.Downlink;
using Terminal.Firmware.Fares;
using Terminal.Firmware.Loads;
using Terminal.Firmware.Qr;
using Terminal.Firmware.Tap;
using Terminal.Simulation.Flash;
using Terminal.Simulation.Timing;

namespace Backend.Tests.Downlink;

/// <summary>
/// A terminal running the real firmware downlink (DownlinkStack) on simulated flash, linked to the planner in
/// memory: its status publishes go to <see cref="DownlinkPlanner.OnStatusAsync"/>, whose publishes come back on the
/// terminal's config topic, as the broker would carry them.
/// </summary>
internal sealed class LoopbackTerminal : IUplink
{
    public const int AnchorKeyId = 1;
    private readonly Queue<(string Topic, byte[] Payload)> _inbound = new();
    private readonly Queue<(string Topic, byte[] Payload)> _statuses = new();

    public LoopbackTerminal(uint id, DownlinkSigner backend, SimulatedFlash? flash = null)
    {
        Id = id;
        Flash = flash ?? new SimulatedFlash();
        Board = new SimulatedClock();
        Clock = new OffsetClock(Board);
        Journal = new Terminal.Firmware.Journal.Journal(Flash);
        Journal.Open();
        Blacklist = new BlacklistStore(Flash);
        Blacklist.Open();
        Loads = new PendingLoadList(Flash);
        Loads.Open();
        var verifier = new Ed25519Verifier();
        Ring = new QrKeyRing(verifier, 4);
        Ring.TryAdd(AnchorKeyId, backend.PublicKey, 0);
        Fares = new FareTableStore(new KeyRingSignatureVerifier(Ring, verifier));
        Stack = new DownlinkStack(this, Clock, Clock, Flash, Journal, Blacklist, Loads, Fares, Ring, verifier, AnchorKeyId, 3,
            new TerminalConfig { TerminalId = (int)id, RouteId = 2 }, firmwareVersion: 1);
        Stack.Restore();
    }

    public uint Id { get; }

    public SimulatedFlash Flash { get; }

    public SimulatedClock Board { get; }

    public OffsetClock Clock { get; }

    public Terminal.Firmware.Journal.Journal Journal { get; }

    public BlacklistStore Blacklist { get; }

    public PendingLoadList Loads { get; }

    public QrKeyRing Ring { get; }

    public FareTableStore Fares { get; }

    public DownlinkStack Stack { get; }

    /// <summary>Every config message the backend published to this terminal.</summary>
    public List<byte[]> ConfigReceived { get; } = [];

    public bool IsConnected { get; private set; }

    public bool Connect() => IsConnected = true;

    public bool Publish(string topic, byte[] payload, int offset, int count, bool retain)
    {
        _statuses.Enqueue((topic, payload[offset..(offset + count)]));
        return IsConnected;
    }

    public int Receive(byte[] topic, out int topicLength, byte[] payload)
    {
        topicLength = 0;
        if (!_inbound.TryDequeue(out var message))
        {
            return -1;
        }

        topicLength = message.Topic.Length;
        for (int i = 0; i < topicLength; i++)
        {
            topic[i] = (byte)message.Topic[i];
        }

        message.Payload.CopyTo(payload, 0);
        return message.Payload.Length;
    }

    /// <summary>Runs terminal and planner until neither has anything left to say; returns the plans made.</summary>
    public async Task<List<DownlinkPlan>> ExchangeAsync(DownlinkPlanner planner)
    {
        var plans = new List<DownlinkPlan>();
        if (!IsConnected)
        {
            Stack.Router.Connect();
        }

        for (int pass = 0; pass < 100; pass++)
        {
            Stack.Step();
            if (_statuses.TryDequeue(out var status))
            {
                plans.Add(await planner.OnStatusAsync(status.Topic, status.Payload, DeliverAsync));
            }
            else if (_inbound.Count == 0)
            {
                return plans;
            }
        }

        throw new InvalidOperationException("The exchange did not settle in 100 passes.");
    }

    public TerminalStatusReport Report()
    {
        var report = new TerminalStatusReport();
        Stack.Status.Describe(report);
        return report;
    }

    public static byte[] Table(uint version, DownlinkSigner signer, long validFrom)
    {
        var builder = DemoFareTable.Builder(new BackendSigningKey(AnchorKeyId), validFrom);
        builder.Version = version;
        return builder.Build(data => signer.Signature(data));
    }

    private Task DeliverAsync(string topic, byte[] payload, CancellationToken cancellationToken)
    {
        ConfigReceived.Add(payload);
        _inbound.Enqueue((topic, payload));
        return Task.CompletedTask;
    }
}

/// <summary>The backend's clock for the planner, set relative to a terminal's.</summary>
internal sealed class FixedTime(Func<long> unixSeconds) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => DateTimeOffset.FromUnixTimeSeconds(unixSeconds());
}
