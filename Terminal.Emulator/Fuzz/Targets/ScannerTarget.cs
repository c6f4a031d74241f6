using Terminal.Drivers.Hal;
using Terminal.Drivers.Scanner;
using Terminal.Simulation.Timing;

namespace Terminal.Emulator.Fuzz.Targets;

/// <summary>
/// Serial bytes from the QR scanner module through <see cref="QrScanner"/>'s framing: the first byte picks the
/// terminator, the rest arrive in uneven chunks with idle gaps between some. Every code handed out is non-empty,
/// within the length limit and free of terminator bytes, and the scanner drains the input in bounded polls.
/// </summary>
public sealed class ScannerTarget : IFuzzTarget
{
    private const int MaxCode = 64;

    public string Name => "scanner";

    public IReadOnlyList<byte[]> Seeds() =>
    [
        [0, .. "NCFOXN%TS3DH0"u8, 0x0D, .. "second code"u8, 0x0D],
        [1, .. "line feed"u8, 0x0A, 0x0A],
        [2, .. "crlf"u8, 0x0D, 0x0A, .. "next"u8, 0x0D, 0x0A],
        [3, .. "gap framed code"u8],
    ];

    public void Run(byte[] input)
    {
        if (input.Length == 0)
        {
            return;
        }

        var clock = new SimulatedClock();
        var port = new ChunkedPort(input, clock);
        var terminator = (CodeTerminator)(input[0] % 4);
        var scanner = new QrScanner(port, clock, terminator, MaxCode, QrScanner.DefaultGapMicroseconds);
        for (var polls = 0; !port.Drained || polls < input.Length + 8; polls++)
        {
            FuzzMismatchException.Check(polls < 4 * input.Length + 64, "the scanner does not drain its input");
            if (scanner.Poll() == ScanStatus.Code)
            {
                FuzzMismatchException.Check(scanner.CodeLength > 0 && scanner.CodeLength <= MaxCode, $"a code of {scanner.CodeLength} bytes");
                var ending = terminator switch { CodeTerminator.CarriageReturn => 0x0D, CodeTerminator.LineFeed => 0x0A, _ => -1 };
                FuzzMismatchException.Check(Array.IndexOf(scanner.Code, (byte)ending, 0, scanner.CodeLength) < 0 || ending < 0, "a code holds its terminator");
            }
        }
    }

    /// <summary>Hands out the input after its first byte in chunks of 1 to 8 bytes, with an idle gap after every chunk that ends in an even byte.</summary>
    private sealed class ChunkedPort(byte[] input, SimulatedClock clock) : ISerialPort
    {
        private int _at = 1;
        private bool _gap;

        public bool Drained => _at >= input.Length;

        public int Read(byte[] buffer, int offset, int count)
        {
            clock.Advance(_gap ? QrScanner.DefaultGapMicroseconds + 1 : 500);
            _gap = false;
            if (Drained)
            {
                return 0;
            }

            var length = Math.Min(Math.Min(count, 1 + (input[_at] % 8)), input.Length - _at);
            Array.Copy(input, _at, buffer, offset, length);
            _at += length;
            _gap = buffer[offset + length - 1] % 2 == 0;
            return length;
        }

        public void Write(byte[] buffer, int offset, int count)
        {
        }
    }
}
