using System.Text;
using Terminal.Drivers.Scanner;
using Terminal.Simulation.Scanner;

namespace Terminal.Tests.Scanner;

/// <summary>One result of a poll that found something; codes shown as ASCII for readable asserts.</summary>
internal sealed record ScanResult(ScanStatus Status, string Text)
{
    public static ScanResult Code(string text) => new(ScanStatus.Code, text);

    public static ScanResult Of(ScanStatus status) => new(status, "");
}

internal static class ScanRun
{
    /// <summary>Polls until the model's line is empty and the scanner has nothing more to say.</summary>
    public static List<ScanResult> Drain(QrScanner scanner, ScannerModel model)
    {
        var results = new List<ScanResult>();
        for (var poll = 0; poll < 1_000_000; poll++)
        {
            var status = scanner.Poll();
            switch (status)
            {
                case ScanStatus.Code:
                    results.Add(ScanResult.Code(Encoding.ASCII.GetString(scanner.Code, 0, scanner.CodeLength)));
                    break;
                case ScanStatus.None when model.Pending == 0:
                    return results;
                case ScanStatus.None:
                    break;
                default:
                    results.Add(ScanResult.Of(status));
                    break;
            }
        }

        throw new InvalidOperationException("the scanner never went quiet");
    }

    public static byte[] Suffix(CodeTerminator terminator) => terminator switch
    {
        CodeTerminator.CarriageReturn => [0x0D],
        CodeTerminator.LineFeed => [0x0A],
        CodeTerminator.CarriageReturnLineFeed => [0x0D, 0x0A],
        _ => [],
    };
}
