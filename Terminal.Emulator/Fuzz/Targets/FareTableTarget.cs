using Terminal.Firmware.Fares;

namespace Terminal.Emulator.Fuzz.Targets;

/// <summary>The fare table file as the terminal parses it (signature not checked, as <see cref="FareTableStore"/> checks it after parsing).</summary>
public sealed class FareTableTarget : IFuzzTarget
{
    private readonly FareTable _table = new();

    public string Name => "fare-table";

    public IReadOnlyList<byte[]> Seeds() => [Backoffice.DemoFareTable.Builder(1, 1_764_000_000).Build(_ => new byte[64])];

    public void Run(byte[] input) => FareTableParser.Parse(input, 0, input.Length, _table);
}
