using Terminal.Firmware.Tap;

namespace Terminal.Emulator.Torture;

/// <summary>What the torture counted as it went.</summary>
public sealed class TortureTally
{
    private readonly Dictionary<TapOutcome, int> _outcomes = [];

    public int Interruptions { get; set; }

    public long ValueLost { get; set; }

    public int DoubleCharges { get; set; }

    public int UnjournaledAccepts { get; set; }

    public int UnreadableCards { get; set; }

    public int LoadsOffered { get; set; }

    /// <summary>Distinct loads (card, number) the journal settles as applied once.</summary>
    public int LoadsApplied { get; set; }

    /// <summary>Distinct loads the journal settles as applied more than once: must be 0.</summary>
    public int LoadsAppliedTwice { get; set; }

    public int Unfinished { get; private set; }

    public void Count(TapOutcome? outcome)
    {
        if (outcome is null or TapOutcome.TapAgain)
        {
            Unfinished++;
            return;
        }

        _outcomes[outcome.Value] = _outcomes.GetValueOrDefault(outcome.Value) + 1;
    }

    public TortureResult Summary(int taps) => new(
        taps,
        Interruptions,
        ValueLost,
        DoubleCharges,
        UnjournaledAccepts,
        UnreadableCards,
        _outcomes.GetValueOrDefault(TapOutcome.Accepted),
        _outcomes.GetValueOrDefault(TapOutcome.AlreadyPaid),
        _outcomes.GetValueOrDefault(TapOutcome.RolledForward),
        _outcomes.GetValueOrDefault(TapOutcome.Refused),
        Unfinished,
        LoadsOffered,
        LoadsApplied,
        LoadsAppliedTwice);
}

/// <summary>The torture's final JSON line; clean when the first four checks and loadsAppliedTwice are all 0.</summary>
public sealed record TortureResult(
    int Taps,
    int Interruptions,
    long ValueLost,
    int DoubleCharges,
    int UnjournaledAccepts,
    int UnreadableCards,
    int Accepted,
    int AlreadyPaid,
    int RolledForward,
    int Refused,
    int UnfinishedAfterRetries,
    int LoadsOffered,
    int LoadsApplied,
    int LoadsAppliedTwice)
{
    public bool IsClean => ValueLost == 0 && DoubleCharges == 0 && UnjournaledAccepts == 0 && UnreadableCards == 0 && LoadsAppliedTwice == 0;
}
