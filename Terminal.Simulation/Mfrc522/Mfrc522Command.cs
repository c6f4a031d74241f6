namespace Terminal.Simulation.Mfrc522;

/// <summary>CommandReg command codes (NXP datasheet Table 149).</summary>
public enum Mfrc522Command : byte
{
    Idle = 0x0,
    Mem = 0x1,
    GenerateRandomId = 0x2,
    CalcCrc = 0x3,
    Transmit = 0x4,
    NoCmdChange = 0x7,
    Receive = 0x8,
    Transceive = 0xC,
    MfAuthent = 0xE,
    SoftReset = 0xF,
}
