using Terminal.Simulation.Rf;

namespace Terminal.Simulation.Cards;

/// <summary>
/// A MIFARE Ultralight or NTAG21x tag: 4-byte pages, no keys. Pages 0–2 hold the 7-byte UID with
/// both check bytes, page 2 ends with the two static lock bytes and page 3 is one-time programmable;
/// lock bytes and page 3 can only have bits set (OR). Static lock bits protect pages 3–15 and are
/// frozen by their block-locking bits. Not modelled: NTAG dynamic lock bits, password protection,
/// GET_VERSION, FAST_READ, READ_CNT, READ_SIG.
/// </summary>
public sealed class UltralightCard : Iso14443ACard, ICardMemory
{
    /// <summary>EEPROM programming time before the ACK of a write (about 4 ms on Ultralight/NTAG21x parts).</summary>
    public const int DefaultProgrammingMicroseconds = 4100;

    public const int PageSize = 4;

    private const byte Read = 0x30, Write = 0xA2, CompatibilityWrite = 0xA0;
    private const int LockPage = 2, OtpPage = 3;

    private readonly byte[] _memory;
    private int _pendingCompatibilityPage = -1;

    public UltralightCard(byte[] uid, UltralightType type, int programmingMicroseconds = DefaultProgrammingMicroseconds)
        : base(uid, 0x04, 0x00)
    {
        ArgumentNullException.ThrowIfNull(type);
        if (uid.Length != 7)
        {
            throw new ArgumentException("Ultralight and NTAG tags have 7-byte UIDs.", nameof(uid));
        }

        ArgumentOutOfRangeException.ThrowIfNegative(programmingMicroseconds);
        Type = type;
        ProgrammingMicroseconds = programmingMicroseconds;
        _memory = new byte[type.Pages * PageSize];
        byte[] manufacturer =
        [
            uid[0], uid[1], uid[2], (byte)(PiccUid.CascadeTag ^ uid[0] ^ uid[1] ^ uid[2]),
            uid[3], uid[4], uid[5], uid[6],
            PiccUid.Bcc(uid[3], uid[4], uid[5], uid[6]), 0x48, 0x00, 0x00,
        ];
        manufacturer.CopyTo(_memory, 0);
        if (type.IsNtag)
        {
            WritePage(OtpPage, [0xE1, 0x10, type.CapabilityContainerSize, 0x00]);
            WritePage(type.ConfigurationPage, [0x04, 0x00, 0x00, 0xFF]);
            WritePage(type.ConfigurationPage + 1, [0x00, 0x05, 0x00, 0x00]);
            WritePage(type.ConfigurationPage + 2, [0xFF, 0xFF, 0xFF, 0xFF]);
        }
    }

    public UltralightType Type { get; }

    public int ProgrammingMicroseconds { get; }

    public byte[] ReadPage(int page) => _memory.AsSpan(Offset(page), PageSize).ToArray();

    /// <summary>Stores a page as is, bypassing UID protection, lock bits and OTP rules (test set-up).</summary>
    public void WritePage(int page, byte[] data)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (data.Length != PageSize)
        {
            throw new ArgumentException("A page has 4 bytes.", nameof(data));
        }

        data.CopyTo(_memory, Offset(page));
    }

    /// <summary>True when the static lock bits forbid writing <paramref name="page"/> (pages 3–15 only).</summary>
    public bool IsLocked(int page)
    {
        int lock0 = _memory[LockPage * PageSize + 2], lock1 = _memory[LockPage * PageSize + 3];
        return page switch
        {
            OtpPage => (lock0 & 0x08) != 0,
            >= 4 and <= 7 => (lock0 >> page & 1) != 0,
            >= 8 and <= 15 => (lock1 >> (page - 8) & 1) != 0,
            _ => false,
        };
    }

    public byte[] Snapshot() => (byte[])_memory.Clone();

    public void Restore(byte[] image)
    {
        ArgumentNullException.ThrowIfNull(image);
        if (image.Length != _memory.Length)
        {
            throw new ArgumentException($"This tag holds {_memory.Length} bytes, the image {image.Length}.", nameof(image));
        }

        image.CopyTo(_memory, 0);
    }

    /// <summary>These tags have no MIFARE authentication: the frame is an error to them.</summary>
    public override bool Authenticate(byte keyCommand, byte block, byte[] key, byte[] uid4)
    {
        FallBack();
        return false;
    }

    protected override void EndSession() => _pendingCompatibilityPage = -1;

    protected override CardReply? ReceiveActive(ReaderFrame frame)
    {
        int pending = _pendingCompatibilityPage;
        _pendingCompatibilityPage = -1;
        if (pending >= 0)
        {
            return HasCrc(frame, 18) ? Store(pending, frame.Data.AsSpan(0, PageSize), frame) : Refuse(frame, frame.BitCount == 18 * 8);
        }

        if (frame.BitCount == 64 && frame.Data[0] == Write)
        {
            return HasCrc(frame, 8) && Writable(frame.Data[1]) ? Store(frame.Data[1], frame.Data.AsSpan(2, PageSize), frame) : Refuse(frame, !HasCrc(frame, 8));
        }

        if (!HasCrc(frame, 4))
        {
            return Refuse(frame, frame.BitCount == 32);
        }

        int page = frame.Data[1];
        switch (frame.Data[0])
        {
            case Read when page <= Type.LastPage:
                return WithCrc(ReadFourPages(page), frame);
            case CompatibilityWrite when Writable(page):
                _pendingCompatibilityPage = page;
                return Nibble(MifareAck.Ack, frame);
            default:
                return Refuse(frame);
        }
    }

    /// <summary>
    /// Four pages from <paramref name="page"/>, rolling over to page 0 past the end (NTAG §10.2,
    /// NTAG203 §8.8.5); an NTAG's password and PACK always read as zeros.
    /// </summary>
    private byte[] ReadFourPages(int page)
    {
        var data = new byte[4 * PageSize];
        for (int i = 0; i < 4; i++)
        {
            int p = (page + i) % Type.Pages;
            bool secret = Type.IsNtag && p >= Type.ConfigurationPage + 2;
            if (!secret)
            {
                _memory.AsSpan(p * PageSize, PageSize).CopyTo(data.AsSpan(i * PageSize));
            }
        }

        return data;
    }

    private bool Writable(int page) => page is >= LockPage && page <= Type.LastPage && !IsLocked(page);

    /// <summary>Stores a page under the OTP and lock rules, then acknowledges once programmed.</summary>
    private CardReply Store(int page, ReadOnlySpan<byte> data, ReaderFrame frame)
    {
        int offset = page * PageSize;
        var stored = ReadPage(page);
        if (page == LockPage)
        {
            SetLockBits(stored, data[2], data[3]);
        }
        else if (page == OtpPage)
        {
            for (int i = 0; i < PageSize; i++)
            {
                stored[i] |= data[i];
            }
        }
        else
        {
            data.CopyTo(stored);
        }

        Program(stored, _memory, offset);
        return Nibble(MifareAck.Ack, frame, ProgrammingMicroseconds);
    }

    /// <summary>
    /// Lock bits can only be set. Block-locking bits freeze groups of lock bits: BL-OTP (lock0 bit 0)
    /// freezes L-OTP, BL 9-4 (bit 1) freezes L4–L9, BL 15-10 (bit 2) freezes L10–L15.
    /// </summary>
    private static void SetLockBits(byte[] lockPage, byte requested0, byte requested1)
    {
        int lock0 = lockPage[2];
        int frozen0 = ((lock0 & 0x01) != 0 ? 0x08 : 0) | ((lock0 & 0x02) != 0 ? 0xF0 : 0);
        int frozen1 = ((lock0 & 0x02) != 0 ? 0x03 : 0) | ((lock0 & 0x04) != 0 ? 0xFC : 0);
        lockPage[2] = (byte)(lock0 | requested0 & ~frozen0);
        lockPage[3] = (byte)(lockPage[3] | requested1 & ~frozen1);
    }

    private CardReply Refuse(ReaderFrame frame, bool crcError = false)
    {
        FallBack();
        return Nibble(crcError ? MifareAck.CrcError : MifareAck.InvalidOperation, frame);
    }

    private int Offset(int page)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(page);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(page, Type.Pages);
        return page * PageSize;
    }
}
