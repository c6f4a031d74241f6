namespace Terminal.Simulation.Rf;

/// <summary>
/// A contactless card (PICC) in the simulated field: the ISO 14443-3 state machine
/// (IDLE, READY, ACTIVE, HALT) and the card's own command set and memory.
/// </summary>
public interface IVirtualCard
{
    /// <summary>The whole UID: 4, 7 or 10 bytes.</summary>
    byte[] Uid { get; }

    /// <summary>
    /// Handles one reader frame and answers it, or stays silent (null): wrong state, bad CRC,
    /// a frame it cannot decrypt, or a command whose success is silence (HLTA, value operation
    /// part 2). An encrypted frame reaching a card that is not authenticated, or a clear frame
    /// reaching one that is, is noise to it: it stays silent and falls back to IDLE (or HALT).
    /// </summary>
    CardReply? Receive(ReaderFrame frame);

    /// <summary>
    /// The MIFARE three-pass authentication the MFRC522's MFAuthent runs, collapsed into one
    /// call: the card checks the command (0x60 key A / 0x61 key B), the block, the key and the
    /// 4 UID bytes the reader used. True when the card is now in the encrypted session.
    /// </summary>
    bool Authenticate(byte keyCommand, byte block, byte[] key, byte[] uid4);

    /// <summary>The card lost power (left the field, or the field was switched off): back to IDLE, session and volatile buffers lost.</summary>
    void PowerOff();
}
