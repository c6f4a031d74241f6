using System.Collections.Concurrent;
using Backend.Ingest.Qr;
using Terminal.Drivers.Indicators;
using Terminal.Emulator.Backoffice;
using Terminal.Emulator.Board;
using Terminal.Emulator.Uplink;
using Terminal.Firmware.Crypto;
using Terminal.Firmware.Downlink;
using Terminal.Firmware.Journal;
using Terminal.Firmware.Sync;
using Terminal.Firmware.Tap;
using Terminal.Simulation.Cards;
using Terminal.Simulation.Indicators;

namespace Terminal.Emulator.Fleet;

/// <summary>
/// One bus of the fleet: the real firmware on the host board (main loop, tap and QR processors, journal on the
/// simulated flash) with its sync agent and downlink stack (status heartbeat, configuration) sharing an MQTT link
/// with a switch in it, composed as the device's entry point composes them. The passengers' day runs on the
/// bus's simulated clock; the network side runs on real time, because the broker and the database are real. Only the worker thread that owns the
/// bus calls <see cref="Step"/>; faults ordered from elsewhere wait in a mailbox for its next step.
/// </summary>
public sealed class FleetBus : IDisposable
{
    private const int MaxScanPolls = 500;

    /// <summary>The terminal's key ring holds the scheme's key, the downlink's and these downloaded ones (the backend's QR key among them).</summary>
    private const int MaxDownloadedKeys = 2;

    private readonly IReadOnlyList<Boarding> _boardings;
    private readonly Func<uint, IssuedQrToken?> _qrTokens;
    private readonly DownlinkKey _downlinkKey;
    private readonly FleetLog _log;
    private readonly ConcurrentQueue<FleetOrderKind> _orders = new();
    private readonly ConcurrentQueue<Action> _errands = new();
    private readonly IndicatorPanel _panel;
    private readonly IndicatorRecorder _display;
    private readonly MessageTable _messages = new();
    private readonly Random _random;
    private int _next;
    private TerminalLoop _loop = null!;
    private DownlinkStack _downlink = null!;

    public FleetBus(
        int number, EmulatedBus bus, Func<MqttUplink> connectModem, Func<uint, IssuedQrToken?> qrTokens, IReadOnlyList<uint> accounts, DownlinkKey downlinkKey,
        ServiceDay day, int boardings, CardRegistrar register, FleetLog log, int seed)
    {
        Number = number;
        Bus = bus;
        _qrTokens = qrTokens;
        _downlinkKey = downlinkKey;
        _log = log;
        _random = new Random(seed);
        BuiltInTranslations.AddTo(_messages);
        var display = _display = new IndicatorRecorder(bus.Clock);
        _panel = new IndicatorPanel(
            display.Pin(IndicatorRecorder.Green), display.Pin(IndicatorRecorder.Red), display.Pin(IndicatorRecorder.Amber),
            display.Pin(IndicatorRecorder.Buzzer), display, _messages);
        bus.Clock.Advance(Math.Max(0, day.Start - bus.Clock.UtcUnixSeconds - 60) * 1_000_000L);
        (_boardings, Riders) = Ridership.Plan(bus, day, boardings, _random, register, accounts);
        Network = new SwitchedUplink(connectModem);
        StartFirmware(boot: false);
    }

    public int Number { get; }

    public uint TerminalId => (uint)Bus.Config.TerminalId;

    public EmulatedBus Bus { get; }

    public SwitchedUplink Network { get; }

    public SyncAgent Sync { get; private set; } = null!;

    public RecordLedger Ledger { get; } = new();

    /// <summary>The cards of this bus's regular passengers, in the order the desk issued them (the first an adult's).</summary>
    public IReadOnlyList<MifareClassicCard> Riders { get; }

    public int PowerCycles { get; private set; }

    public bool BoardingsDone => Volatile.Read(ref _next) >= _boardings.Count;

    /// <summary>True when every journaled record has been acknowledged by the backend.</summary>
    public bool Settled => _orders.IsEmpty && _errands.IsEmpty && !Bus.Terminal.Journal.HasUnacknowledged;

    /// <summary>The blacklist version the terminal holds (read from another thread: a snapshot).</summary>
    public uint BlacklistVersion => Bus.Terminal.Blacklist.Version;

    public int Backlog => (int)(Bus.Terminal.Journal.LastSequence - Bus.Terminal.Journal.AcknowledgedUpTo);

    public void Order(FleetOrderKind kind) => _orders.Enqueue(kind);

    /// <summary>Runs <paramref name="errand"/> on the bus's own thread at its next step (a card dumped, a card tapped) and hands back its result.</summary>
    public Task<T> OnBusAsync<T>(Func<T> errand)
    {
        var done = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
        _errands.Enqueue(() =>
        {
            try
            {
                done.SetResult(errand());
            }
            catch (Exception e)
            {
                done.SetException(e);
            }
        });
        return done.Task;
    }

    /// <summary>A passenger taps <paramref name="card"/> now (on the bus's thread, through <see cref="OnBusAsync{T}"/>); the terminal's verdict.</summary>
    public Task<TapOutcome> TapNowAsync(MifareClassicCard card) => OnBusAsync(() =>
    {
        var outcome = Tap(card);
        Ledger.Capture(Bus.Terminal.Journal);
        return outcome;
    });

    /// <summary>A passenger taps <paramref name="card"/> now, as <see cref="TapNowAsync"/>; the verdict and what the display showed, its two rows joined by " | ".</summary>
    public Task<(TapOutcome Outcome, string Display)> TapShowingAsync(MifareClassicCard card) => OnBusAsync(() =>
    {
        var shown = "";
        var outcome = Tap(card, () => shown = $"{_display.Row(0).Trim()} | {_display.Row(1).Trim()}");
        Ledger.Capture(Bus.Terminal.Journal);
        return (outcome, shown);
    });

    /// <summary>The number of the load the terminal's pending-load list holds for <paramref name="card"/>, or 0 when it lists none.</summary>
    public Task<int> ListedLoadAsync(MifareClassicCard card) => OnBusAsync(() =>
    {
        var listed = new Terminal.Firmware.Loads.PendingLoad();
        Bus.Terminal.Loads.Lookup(card.Uid, 0, card.Uid.Length, listed);
        return listed.Found ? listed.Number : 0;
    });

    /// <summary>One pass of the bus: faults ordered, the boardings due by <paramref name="passengerTime"/>, an idle pass of the main loop, a sync step.</summary>
    public void Step(long passengerTime)
    {
        while (_orders.TryDequeue(out var order))
        {
            Apply(order);
        }

        while (_errands.TryDequeue(out var errand))
        {
            errand();
        }

        while (_next < _boardings.Count && _boardings[_next].UnixSeconds <= passengerTime)
        {
            var boarding = _boardings[_next];
            AdvanceTo(boarding.UnixSeconds);
            if (boarding.Card is { } card)
            {
                Tap(card);
            }
            else
            {
                Scan(boarding.AccountId);
            }

            Ledger.Capture(Bus.Terminal.Journal);
            Volatile.Write(ref _next, _next + 1);
        }

        AdvanceTo(passengerTime);
        var idle = _loop.Step() == TapOutcome.NoCard;
        Sync.Step();
        if (idle)
        {
            _downlink.Step();

            // The downlink journals what it installs (a new pending-load list, keys): copied before the next sync step sends it.
            Ledger.Capture(Bus.Terminal.Journal);
        }
    }

    public void Dispose() => Network.Dispose();

    private void Apply(FleetOrderKind order)
    {
        switch (order)
        {
            case FleetOrderKind.Cut:
                Network.Cut();
                _log.Line($"bus {Number}: network cut ({Backlog} records waiting)");
                break;
            case FleetOrderKind.Restore:
                Network.Restore();
                _log.Line($"bus {Number}: network restored ({Backlog} records waiting)");
                break;
            case FleetOrderKind.Power:
                Network.PowerCycle();
                var status = StartFirmware(boot: true);
                PowerCycles++;
                _log.Line($"bus {Number}: power cycled; journal reopened {status} with {Backlog} records waiting");
                break;
        }
    }

    /// <summary>Boots the firmware over the bus's flash (a power cycle when it ran before) and wires its main loop and sync agent.</summary>
    private JournalStatus StartFirmware(bool boot)
    {
        var terminal = boot ? Bus.Boot() : Bus.Terminal;
        terminal.KeyRing.TryAdd(_downlinkKey.KeyId, _downlinkKey.PublicKey, 0);
        _loop = new TerminalLoop(terminal.Tap, terminal.Qr, terminal.Journal, terminal.Fares, _panel, _messages, Bus.Clock);
        var networkClock = new OffsetClock(new HostClock());
        _downlink = new DownlinkStack(
            Network, networkClock, networkClock, Bus.Flash, terminal.Journal, terminal.Blacklist, terminal.Loads, terminal.Fares, terminal.KeyRing, new Ed25519Verifier(),
            SchemeKeys.BackendKeyId, MaxDownloadedKeys, Bus.Config, FirmwareInfo.Version);
        _downlink.Restore();
        _downlink.Events.Record(TerminalEventCode.Boot, FirmwareInfo.Version);
        Sync = new SyncAgent(_downlink.Router, terminal.Journal, networkClock, TerminalId);
        Ledger.Capture(terminal.Journal);
        return terminal.JournalStatus;
    }

    /// <summary>One passenger's tap, tapping again when the terminal asks; the verdict of the last try.</summary>
    private TapOutcome Tap(MifareClassicCard card, Action? shown = null)
    {
        var field = Bus.Terminal.Reader.Field;
        field.Enter(card);
        var outcome = _loop.Step();
        shown?.Invoke();
        field.Remove(card);
        _loop.Step();
        if (outcome == TapOutcome.TapAgain)
        {
            Bus.Clock.Advance(2_000_000);
            field.Enter(card);
            outcome = _loop.Step();
            shown?.Invoke();
            field.Remove(card);
            _loop.Step();
        }

        return outcome;
    }

    /// <summary>
    /// A phone user boards: the phone asks the backend for a ride token of the passenger's account (dated by the
    /// fleet's day, see <see cref="PassengerClock"/>) and shows it. The token's window starts at the fleet's "now",
    /// which this bus reaches at its next step anyway: the bus catches up to it before the scan.
    /// </summary>
    private void Scan(uint accountId)
    {
        if (_qrTokens(accountId) is not { } token)
        {
            return;
        }

        AdvanceTo(token.ValidFrom);
        if (!Bus.Terminal.Scanner.Present(System.Text.Encoding.ASCII.GetBytes(token.Text)))
        {
            return;
        }

        for (var poll = 0; poll < MaxScanPolls && _loop.Step() == TapOutcome.NoCard; poll++)
        {
            Bus.Clock.Advance(1_000);
        }
    }

    private void AdvanceTo(long unixSeconds)
    {
        var behind = unixSeconds - Bus.Clock.UtcUnixSeconds;
        if (behind > 0)
        {
            Bus.Clock.Advance(behind * 1_000_000L);
        }
    }
}
