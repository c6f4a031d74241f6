namespace Terminal.Simulation.Mfrc522;

/// <summary>
/// The chip's CRC coprocessor: the CRC_A polynomial x^16 + x^12 + x^5 + 1 processed least
/// significant bit first, with the preset ModeReg CRCPreset selects (datasheet ModeReg).
/// ModeReg MSBFirst is not modelled: no driver of this project uses it.
/// </summary>
internal sealed class CrcUnit
{
    private static readonly ushort[] Presets = [0x0000, 0x6363, 0xA671, 0xFFFF];

    public ushort Value { get; private set; } = 0xFFFF;

    /// <summary>Status1Reg CRCReady: all bytes handed to the unit are processed.</summary>
    public bool Ready { get; private set; } = true;

    public static ushort PresetFor(byte modeReg) => Presets[modeReg & 0x03];

    public void Start(ushort preset)
    {
        Value = preset;
        Ready = false;
    }

    public void Feed(byte data)
    {
        var crc = Value;
        crc ^= data;
        for (var bit = 0; bit < 8; bit++)
        {
            crc = (crc & 1) != 0 ? (ushort)((crc >> 1) ^ 0x8408) : (ushort)(crc >> 1);
        }

        Value = crc;
    }

    public void Finish() => Ready = true;

    public void Reset()
    {
        Value = 0xFFFF;
        Ready = true;
    }

    public static ushort Compute(ushort preset, ReadOnlySpan<byte> data)
    {
        var unit = new CrcUnit();
        unit.Start(preset);
        foreach (var b in data)
        {
            unit.Feed(b);
        }

        return unit.Value;
    }
}
