using System.Buffers.Binary;
using System.Text;
using Backend.Ingest.Api;

namespace Terminal.Emulator.Fuzz.Targets;

/// <summary>
/// Money as staff type it and as every page shows it (<see cref="MinorUnits"/>): typed text that parses formats
/// back to an amount that parses to the same value, and any 64-bit amount (the input's first 8 bytes) formats to
/// text that parses back to it.
/// </summary>
public sealed class MinorUnitsTarget : IFuzzTarget
{
    public string Name => "minor-units";

    public IReadOnlyList<byte[]> Seeds() => ["12.50"u8.ToArray(), "-3"u8.ToArray(), "0.5"u8.ToArray(), " 92233720368547758.07 "u8.ToArray(), "-0.01"u8.ToArray()];

    public void Run(byte[] input)
    {
        if (MinorUnits.TryParse(Encoding.UTF8.GetString(input), out var typed))
        {
            FuzzMismatchException.Check(MinorUnits.TryParse(MinorUnits.Format(typed), out var again) && again == typed, $"{typed} parsed from text does not survive formatting");
        }

        if (input.Length >= 8)
        {
            var amount = BinaryPrimitives.ReadInt64LittleEndian(input);
            FuzzMismatchException.Check(MinorUnits.TryParse(MinorUnits.Format(amount), out var parsed) && parsed == amount, $"{amount} formats to text that does not parse back");
        }
    }
}
