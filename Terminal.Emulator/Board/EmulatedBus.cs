using Terminal.Emulator.Backoffice;
using Terminal.Firmware.Journal;
using Terminal.Firmware.Loads;
using Terminal.Firmware.Tap;
using Terminal.Simulation.Cards;
using Terminal.Simulation.Flash;
using Terminal.Simulation.Timing;

namespace Terminal.Emulator.Board;

/// <summary>
/// One bus terminal on the host board with its scheme (keys, issuing desk, fare table): taps cards as passengers
/// do, power-cycles the terminal, and settles its journal as the backend would.
/// </summary>
public sealed class EmulatedBus
{
    public const int ExpiryDay = 2500;
    private static int _nextUid;

    public EmulatedBus(ModelAllocationMeter? meter = null)
        : this(new SchemeKeys(), new TerminalConfig { TerminalId = 17, RouteId = 1 }, meter)
    {
    }

    /// <summary>
    /// A bus of a fleet: the scheme's keys (and its issuing desk) are shared, the configuration is the bus's own; its
    /// clock starts at <paramref name="clockStartUnixSeconds"/> (the simulated clock's fixed start by default).
    /// </summary>
    public EmulatedBus(SchemeKeys keys, TerminalConfig config, ModelAllocationMeter? meter = null, IssuingDesk? desk = null, long? clockStartUnixSeconds = null)
    {
        Clock = clockStartUnixSeconds is { } start ? new SimulatedClock(start) : new SimulatedClock();
        Keys = keys;
        Config = config;
        Meter = meter;
        Desk = desk ?? new IssuingDesk(Keys);
        Terminal = Boot();
    }

    public SchemeKeys Keys { get; }

    /// <summary>When set, the terminal's calls into the hardware models are metered for allocation.</summary>
    public ModelAllocationMeter? Meter { get; }

    public IssuingDesk Desk { get; }

    public SimulatedClock Clock { get; }

    public SimulatedFlash Flash { get; } = new();

    public TerminalConfig Config { get; }

    public EmulatedTerminal Terminal { get; private set; }

    /// <summary>A power cycle: the firmware starts again over the same flash.</summary>
    public EmulatedTerminal Boot()
    {
        Flash.PowerOn();
        Terminal = new EmulatedTerminal(Keys, Config, Clock, Flash, Meter);
        Terminal.LoadFares(DemoFareTable.Signed(Keys.Backend, Clock.UtcUnixSeconds - 86400));
        return Terminal;
    }

    public MifareClassicCard Issue(int balance, int cardType = 0, int uidLength = 7)
    {
        var card = MifareClassicCard.OneK(Uid(uidLength));
        Desk.Issue(card, cardType, ExpiryDay, balance);
        return card;
    }

    public static byte[] Uid(int length)
    {
        var uid = new byte[length];
        var n = Interlocked.Increment(ref _nextUid);
        uid[0] = length == 4 ? (byte)0x1A : (byte)0x04;
        BitConverter.GetBytes(n).AsSpan(0, Math.Min(4, length - 1)).CopyTo(uid.AsSpan(1));
        return uid;
    }

    public TapOutcome Tap(MifareClassicCard card)
    {
        Terminal.Reader.Field.Enter(card);
        try
        {
            return Terminal.Tap.Poll();
        }
        finally
        {
            Terminal.Reader.Field.Remove(card);
            Terminal.Reader.Field.ClearFaults();
            Terminal.Tap.Poll();
        }
    }

    /// <summary>
    /// Shows a code to the scanner and runs the main loop's scanner polls, 1 ms apart, while its bytes arrive at
    /// the serial line's speed; NoCard when no verdict came within half a second.
    /// </summary>
    public TapOutcome Scan(byte[] code)
    {
        if (!Terminal.Scanner.Present(code))
        {
            throw new InvalidOperationException("The scanner model did not take the code: scanning is disabled.");
        }

        for (var poll = 0; poll < 500; poll++)
        {
            var outcome = Terminal.Qr.Poll();
            if (outcome != TapOutcome.NoCard)
            {
                return outcome;
            }

            Clock.Advance(1_000);
        }

        return TapOutcome.NoCard;
    }

    public int Balance(MifareClassicCard card) => Desk.Inspect(card).Trip.Balance;

    /// <summary>The journal's records from <paramref name="fromSequence"/> on (all by default), decoded.</summary>
    public List<TxRecord> JournalRecords(uint fromSequence = 0)
    {
        var buffer = new byte[TxRecordCodec.Size * 4096];
        var count = Terminal.Journal.ReadBatch(fromSequence, buffer, 0, 4096);
        var records = new List<TxRecord>();
        for (var i = 0; i < count; i++)
        {
            var record = new TxRecord();
            if (TxRecordCodec.Decode(buffer, i * TxRecordCodec.Size, record) != RecordStatus.Ok)
            {
                throw new InvalidDataException($"Journal record {i} does not decode.");
            }

            records.Add(record);
        }

        return records;
    }

    /// <summary>Installs pending-load list <paramref name="version"/> holding exactly <paramref name="loads"/>, as a downlink snapshot does.</summary>
    public void OfferLoads(uint version, params (MifareClassicCard Card, int Number, int Amount)[] loads)
    {
        var entries = new PendingLoadChanges();
        foreach (var (card, number, amount) in loads)
        {
            entries.Add(card.Uid, 0, card.Uid.Length, number, amount);
        }

        var status = Terminal.Loads.LoadSnapshot(version, entries);
        if (status != PendingLoadStatus.Ok)
        {
            throw new InvalidOperationException($"The terminal refused the pending-load list: {status}.");
        }
    }

    /// <summary>What the backend will settle as loaded onto cards: every load journaled applied, less those found abandoned.</summary>
    public int JournaledLoads() => JournalRecords().Sum(r => r.Kind switch
    {
        TxKind.LoadApplied => r.Amount,
        TxKind.LoadAbandoned => -r.Amount,
        _ => 0,
    });

    /// <summary>What the backend will settle as charged: every card write journaled, less those found abandoned.</summary>
    public int JournaledCharges() => JournalRecords().Sum(r => r.Kind switch
    {
        TxKind.CardTapAccepted => r.Amount,
        TxKind.CardWriteAbandoned => -r.Amount,
        _ => 0,
    });
}
