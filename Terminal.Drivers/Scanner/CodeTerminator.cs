namespace Terminal.Drivers.Scanner
{
    /// <summary>How the scanner module marks the end of a code.</summary>
    public enum CodeTerminator
    {
        CarriageReturn,
        LineFeed,
        CarriageReturnLineFeed,

        /// <summary>No end byte: a code ends when the line stays quiet for the configured gap.</summary>
        IdleGap
    }
}
