namespace Terminal.Drivers.Scanner
{
    /// <summary>What one <see cref="QrScanner.Poll"/> found on the line.</summary>
    public enum ScanStatus
    {
        /// <summary>Nothing complete yet.</summary>
        None,

        /// <summary>A whole code is in <see cref="QrScanner.Code"/>, <see cref="QrScanner.CodeLength"/> bytes long.</summary>
        Code,

        /// <summary>A code longer than the maximum was discarded up to its end.</summary>
        Overflow,

        /// <summary>A code holding bytes outside printable ASCII (line noise, wrong baud rate) was discarded.</summary>
        Noise,

        /// <summary>A code stopped before its terminator and the line stayed quiet: it was discarded.</summary>
        Incomplete
    }
}
