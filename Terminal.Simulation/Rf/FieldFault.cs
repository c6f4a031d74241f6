namespace Terminal.Simulation.Rf;

/// <summary>How a card leaves the field at a planned exchange.</summary>
public enum FieldFaultKind
{
    /// <summary>The card leaves just before the exchange: it never sees the reader's frame.</summary>
    RemoveBefore,

    /// <summary>
    /// The card receives the frame and carries the command out (memory it commits stays changed),
    /// then leaves before its answer: the reader hears only silence from it.
    /// </summary>
    TearAfterReceive,

    /// <summary>
    /// The card leaves while programming the frame's write: only the first
    /// <see cref="FieldFault.BytesProgrammed"/> bytes of the block or page change, and the reader hears silence.
    /// </summary>
    TearDuringProgramming,
}

/// <summary>A planned departure of <paramref name="Card"/> at the 0-based exchange <paramref name="ExchangeIndex"/>.</summary>
public sealed record FieldFault(long ExchangeIndex, IVirtualCard Card, FieldFaultKind Kind, int BytesProgrammed = 0);
