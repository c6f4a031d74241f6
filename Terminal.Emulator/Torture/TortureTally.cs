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
        Unfinished);
}

/// <summary>The torture's final JSON line; clean when the first four checks are all 0.</summary>
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
    int UnfinishedAfterRetries)
{
    public bool IsClean => ValueLost == 0 && DoubleCharges == 0 && UnjournaledAccepts == 0 && UnreadableCards == 0;
}
