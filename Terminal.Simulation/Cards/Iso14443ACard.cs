using Terminal.Drivers.Iso14443;
using Terminal.Simulation.Rf;

namespace Terminal.Simulation.Cards;

/// <summary>
/// The ISO/IEC 14443-3 Type A activation every card shares: REQA/WUPA → ATQA, bit-oriented
/// anticollision and SELECT over 1–3 cascade levels, HLTA. Once ACTIVE, frames go to the card
/// type's own command set (<see cref="ReceiveActive"/>).
/// A card woken from HALT by WUPA remembers it (the standard's READY*/ACTIVE* states): any
/// error sends it back to HALT rather than IDLE, so a plain REQA cannot wake it again.
/// </summary>
public abstract class Iso14443ACard : IVirtualCard, IActivationState, IInterruptibleProgramming
{
    private const byte Reqa = 0x26;
    private const byte Wupa = 0x52;
    private const byte SelectNvb = 0x70;
    private const byte CascadeBit = 0x04;

    private readonly byte[] _uid;
    private readonly byte[][] _cascadeLevels;
    private int _level;
    private bool _wokenFromHalt;
    private int _interruptProgrammingAfter = -1;

    protected Iso14443ACard(byte[] uid, byte atqaAnticollisionBits, byte sak)
    {
        PiccUid.Validate(uid);
        _uid = (byte[])uid.Clone();
        _cascadeLevels = PiccUid.CascadeLevels(uid);
        Atqa = [(byte)(PiccUid.SizeCode(uid) << 6 | atqaAnticollisionBits), 0x00];
        Sak = sak;
    }

    public byte[] Uid => (byte[])_uid.Clone();

    /// <summary>The answer to REQA/WUPA, in air order (LSB byte first).</summary>
    public byte[] Atqa { get; }

    /// <summary>The SAK of the last cascade level (cascade bit clear).</summary>
    public byte Sak { get; }

    public CardState State { get; private set; }

    public bool IsActive => State == CardState.Active;

    public CardReply? Receive(ReaderFrame frame)
    {
        ArgumentNullException.ThrowIfNull(frame);
        return State switch
        {
            CardState.Idle => Wake(frame, frame.IsShortFrame && !frame.Encrypted && (frame.Data[0] & 0x7F) is Reqa or Wupa),
            CardState.Halt => Wake(frame, frame.IsShortFrame && !frame.Encrypted && (frame.Data[0] & 0x7F) == Wupa),
            CardState.Ready => ReceiveReady(frame),
            _ => ReceiveInActiveState(frame),
        };
    }

    public abstract bool Authenticate(byte keyCommand, byte block, byte[] key, byte[] uid4);

    public void InterruptNextProgramming(int bytesProgrammed)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(bytesProgrammed);
        _interruptProgrammingAfter = bytesProgrammed;
    }

    public void PowerOff()
    {
        _interruptProgrammingAfter = -1;
        State = CardState.Idle;
        _wokenFromHalt = false;
        _level = 0;
        EndSession();
    }

    /// <summary>True when the card would take this frame in its current session (clear vs encrypted); otherwise it is noise.</summary>
    protected virtual bool Understands(ReaderFrame frame) => !frame.Encrypted;

    /// <summary>A frame for the card's own command set, in ACTIVE state; HLTA and stray activation frames never get here.</summary>
    protected abstract CardReply? ReceiveActive(ReaderFrame frame);

    /// <summary>Drops whatever the card keeps only for the current selection (authentication, pending commands, buffers).</summary>
    protected abstract void EndSession();

    /// <summary>
    /// An error or a frame the card cannot use while READY or ACTIVE: silence, back to IDLE (HALT if
    /// it was woken from HALT). IDLE and HALT cards stay as they are.
    /// </summary>
    protected CardReply? FallBack()
    {
        if (State is CardState.Ready or CardState.Active)
        {
            State = _wokenFromHalt ? CardState.Halt : CardState.Idle;
        }

        _level = 0;
        EndSession();
        return null;
    }

    /// <summary>
    /// Programs <paramref name="data"/> into <paramref name="memory"/> at <paramref name="offset"/>,
    /// or only its first bytes when a tear interrupts this write.
    /// </summary>
    protected void Program(ReadOnlySpan<byte> data, byte[] memory, int offset)
    {
        int count = _interruptProgrammingAfter < 0 ? data.Length : Math.Min(_interruptProgrammingAfter, data.Length);
        _interruptProgrammingAfter = -1;
        data[..count].CopyTo(memory.AsSpan(offset));
    }

    /// <summary>A 4-bit ACK/NAK answer.</summary>
    protected static CardReply Nibble(byte code, ReaderFrame frame, int extraLatencyMicroseconds = 0) =>
        new([(byte)(code & 0x0F)], 4, Latency(frame) + extraLatencyMicroseconds);

    /// <summary>A whole-byte answer with CRC_A appended.</summary>
    protected static CardReply WithCrc(byte[] payload, ReaderFrame frame)
    {
        var data = new byte[payload.Length + 2];
        payload.CopyTo(data, 0);
        CrcA.Append(data, 0, payload.Length);
        return new CardReply(data, data.Length * 8, Latency(frame));
    }

    /// <summary>True when the frame is exactly <paramref name="bytes"/> whole bytes whose last two are a valid CRC_A.</summary>
    protected static bool HasCrc(ReaderFrame frame, int bytes) =>
        frame.BitCount == bytes * 8 && frame.Data.Length >= bytes && CrcA.Check(frame.Data, 0, bytes);

    protected static int Latency(ReaderFrame frame) => (int)Math.Round(AirTime.FrameDelayMicroseconds(frame));

    private CardReply? Wake(ReaderFrame frame, bool isRequest)
    {
        if (!isRequest)
        {
            return null;
        }

        _wokenFromHalt = State == CardState.Halt;
        State = CardState.Ready;
        _level = 0;
        return new CardReply((byte[])Atqa.Clone(), 16, Latency(frame));
    }

    private CardReply? ReceiveReady(ReaderFrame frame)
    {
        if (frame.Encrypted || frame.IsShortFrame || frame.BitCount < 16 || frame.Data[0] is not (0x93 or 0x95 or 0x97))
        {
            return FallBack();
        }

        // A cascade level this card is not at (another card's deeper level): not addressed to it.
        if (frame.Data[0] != 0x93 + 2 * _level)
        {
            return null;
        }

        return frame.Data[1] == SelectNvb ? Select(frame) : AnswerAnticollision(frame);
    }

    private CardReply? Select(ReaderFrame frame)
    {
        var level = _cascadeLevels[_level];
        if (!HasCrc(frame, 9) || !frame.Data.AsSpan(2, 5).SequenceEqual(level))
        {
            return null;
        }

        bool complete = _level == _cascadeLevels.Length - 1;
        if (complete)
        {
            State = CardState.Active;
        }
        else
        {
            _level++;
        }

        return WithCrc([complete ? Sak : CascadeBit], frame);
    }

    /// <summary>
    /// NVB = whole bytes sent (SEL and NVB included) in the high nibble, extra bits in the low one.
    /// A card whose UID CLn + BCC starts with the reader's known bits answers the rest, starting
    /// mid-byte when the reader sent a partial byte.
    /// </summary>
    private CardReply? AnswerAnticollision(ReaderFrame frame)
    {
        int nvb = frame.Data[1];
        int wholeBytes = nvb >> 4;
        int extraBits = nvb & 0x0F;
        int known = (wholeBytes - 2) * 8 + extraBits;
        if (wholeBytes < 2 || extraBits > 7 || known >= 40 || frame.BitCount != 16 + known)
        {
            return null;
        }

        var level = _cascadeLevels[_level];
        for (int bit = 0; bit < known; bit++)
        {
            if (BitAt(frame.Data, 16 + bit) != BitAt(level, bit))
            {
                return null;
            }
        }

        int answerBits = 40 - known;
        var answer = new byte[(answerBits + 7) / 8];
        for (int bit = 0; bit < answerBits; bit++)
        {
            if (BitAt(level, known + bit))
            {
                answer[bit / 8] |= (byte)(1 << (bit % 8));
            }
        }

        return new CardReply(answer, answerBits, Latency(frame));
    }

    private CardReply? ReceiveInActiveState(ReaderFrame frame)
    {
        if (!Understands(frame))
        {
            return FallBack();
        }

        // REQA, WUPA and anticollision are "any other command" to an ACTIVE card: it falls back
        // silently, which is why a reader polling a card left in the field with REQA sees it only
        // every second time (miguelbalboa/rfid #279, #437).
        if (frame.IsShortFrame || frame.BitCount >= 8 && frame.Data[0] is 0x93 or 0x95 or 0x97)
        {
            return FallBack();
        }

        if (frame.BitCount == 32 && frame.Data[0] == 0x50 && frame.Data[1] == 0x00)
        {
            if (HasCrc(frame, 4))
            {
                State = CardState.Halt;
                _wokenFromHalt = false;
                EndSession();
            }

            return null;
        }

        return ReceiveActive(frame);
    }

    private static bool BitAt(byte[] data, int bit) => (data[bit / 8] >> (bit % 8) & 1) == 1;
}
