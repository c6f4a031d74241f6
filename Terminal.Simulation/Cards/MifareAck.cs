namespace Terminal.Simulation.Cards;

/// <summary>The 4-bit answers of MIFARE cards (MF1 T10, NTAG §9.3).</summary>
public static class MifareAck
{
    public const byte Ack = 0x0A;

    /// <summary>Invalid operation (or argument); the Classic transfer buffer is valid.</summary>
    public const byte InvalidOperation = 0x00;

    /// <summary>Parity or CRC error; the Classic transfer buffer is valid.</summary>
    public const byte CrcError = 0x01;

    /// <summary>Added to a Classic NAK when the transfer buffer holds no valid value.</summary>
    public const byte TransferBufferInvalid = 0x04;

    /// <summary>NTAG: EEPROM write error.</summary>
    public const byte WriteError = 0x05;
}
