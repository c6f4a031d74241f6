using Terminal.Simulation.Timing;

namespace Terminal.Simulation.Rf;

/// <summary>
/// The air between the reader chip's antenna and the cards in its field. The MFRC522
/// model talks to cards only through this, and every exchange advances <see cref="Clock"/>
/// by its air time.
/// </summary>
public interface IRfChannel
{
    SimulatedClock Clock { get; }

    /// <summary>The reader's carrier (TxControlReg Tx1RFEn/Tx2RFEn). Switching it off powers every card down.</summary>
    bool FieldOn { get; set; }

    /// <summary>
    /// Sends one reader frame and returns what the receiver got within <paramref name="timeoutMicroseconds"/>
    /// after the frame ended, or null for silence. With no carrier, nothing answers.
    /// </summary>
    Reception? Exchange(ReaderFrame frame, int timeoutMicroseconds);

    /// <summary>MFAuthent's three passes on the air; false when no card completed them in time.</summary>
    bool Authenticate(byte keyCommand, byte block, byte[] key, byte[] uid4, int timeoutMicroseconds);
}
