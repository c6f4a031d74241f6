using System.Buffers.Binary;
using Terminal.Simulation.Rf;

namespace Terminal.Simulation.Cards;

/// <summary>
/// A MIFARE Classic 1K or 4K card (MF1S50/MF1S70): 16-byte blocks, per-sector keys and access
/// conditions, value blocks with a volatile transfer buffer. After MFAuthent every frame must be
/// encrypted; the card works on the plain bytes the reader model hands over (the Crypto1 cipher
/// itself is not modelled).
/// <para>Choices where the datasheet is silent or ambiguous:</para>
/// <list type="bullet">
/// <item>Any NAK, like a failed authentication, ends the selection: the card falls back to IDLE
/// (HALT if woken from it) and must be selected and authenticated again.</item>
/// <item>A sector whose access bits fail their inverted copy is blocked for good: no key
/// authenticates to it any more. Writing such access bits is accepted (the card cannot know).</item>
/// <item>When the trailer leaves key B readable, authenticating with key B succeeds but the card
/// refuses every later memory command of that session (MF1 "consequences" note).</item>
/// <item>A WRITE to a trailer changes only the parts the key may write; if it may write none, part 1 is refused.</item>
/// <item>Value arithmetic wraps around like the card's 32-bit register; floors are the terminal's business.</item>
/// </list>
/// </summary>
public sealed class MifareClassicCard : Iso14443ACard, ICardMemory
{
    /// <summary>
    /// EEPROM programming time added to the ACK of WRITE part 2 and TRANSFER. Derived from NXP's
    /// typical figures (WRITE ~5.5 ms, TRANSFER ~4.5 ms) minus their air time (~2.4 ms, ~0.6 ms).
    /// </summary>
    public const int DefaultProgrammingMicroseconds = 3500;

    public const int BlockSize = 16;

    private const byte AuthA = 0x60, AuthB = 0x61, Read = 0x30, Write = 0xA0;
    private const byte Decrement = 0xC0, Increment = 0xC1, RestoreValue = 0xC2, Transfer = 0xB0;

    private static readonly byte[] TransportKey = [0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF];

    private readonly byte[] _memory;
    private readonly byte[] _transferBuffer = new byte[BlockSize];
    private bool _transferBufferValid;
    private int _authenticatedSector = -1;
    private KeyRights _authenticatedKey;
    private byte _pendingCommand;
    private int _pendingBlock;

    private MifareClassicCard(byte[] uid, ClassicLayout layout, int programmingMicroseconds)
        : base(uid, layout == ClassicLayout.OneK ? (byte)0x04 : (byte)0x02, layout == ClassicLayout.OneK ? (byte)0x08 : (byte)0x18)
    {
        if (uid.Length == 10)
        {
            throw new ArgumentException("MIFARE Classic has 4 or 7-byte UIDs.", nameof(uid));
        }

        ArgumentOutOfRangeException.ThrowIfNegative(programmingMicroseconds);
        Layout = layout;
        ProgrammingMicroseconds = programmingMicroseconds;
        _memory = new byte[layout.BlockCount * BlockSize];
        WriteManufacturerBlock(uid);
        for (int sector = 0; sector < layout.SectorCount; sector++)
        {
            SetSectorTrailer(sector, TransportKey, AccessConditions.Transport, TransportKey);
        }
    }

    /// <summary>A factory-fresh 1K card: transport keys FF×6, access bits FF 07 80 69 everywhere.</summary>
    public static MifareClassicCard OneK(byte[] uid, int programmingMicroseconds = DefaultProgrammingMicroseconds) =>
        new(uid, ClassicLayout.OneK, programmingMicroseconds);

    /// <summary>A factory-fresh 4K card (32 four-block sectors, then 8 sixteen-block sectors).</summary>
    public static MifareClassicCard FourK(byte[] uid, int programmingMicroseconds = DefaultProgrammingMicroseconds) =>
        new(uid, ClassicLayout.FourK, programmingMicroseconds);

    public ClassicLayout Layout { get; }

    public int ProgrammingMicroseconds { get; }

    /// <summary>The UID bytes Crypto1 uses: the whole 4-byte UID, or the last 4 of a 7-byte one (NXP AN10927).</summary>
    public byte[] CryptoUid => Uid[^4..];

    public bool IsAuthenticated => _authenticatedSector >= 0;

    /// <summary>The sector of the current session, or -1.</summary>
    public int AuthenticatedSector => _authenticatedSector;

    /// <summary>A copy of block <paramref name="block"/> as stored, keys included.</summary>
    public byte[] ReadBlock(int block) => _memory.AsSpan(Offset(block), BlockSize).ToArray();

    /// <summary>Stores a block as is, bypassing access conditions and block 0's protection (test set-up).</summary>
    public void WriteBlock(int block, byte[] data)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (data.Length != BlockSize)
        {
            throw new ArgumentException("A block has 16 bytes.", nameof(data));
        }

        data.CopyTo(_memory, Offset(block));
    }

    public void SetSectorTrailer(int sector, byte[] keyA, AccessConditions conditions, byte[] keyB, byte userByte = 0x69)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(sector);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(sector, Layout.SectorCount);
        if (keyA is not { Length: 6 } || keyB is not { Length: 6 })
        {
            throw new ArgumentException("Keys have 6 bytes.");
        }

        var trailer = new byte[BlockSize];
        keyA.CopyTo(trailer, 0);
        conditions.Encode().CopyTo(trailer, 6);
        trailer[9] = userByte;
        keyB.CopyTo(trailer, 10);
        WriteBlock(Layout.TrailerOf(sector), trailer);
    }

    public void SetValueBlock(int block, int value, byte address) => WriteBlock(block, ValueBlock.Encode(value, address));

    /// <summary>The sector's access conditions, or false when its access bits are invalid (sector blocked).</summary>
    public bool TryGetAccessConditions(int sector, out AccessConditions conditions) =>
        AccessConditions.TryDecode(_memory.AsSpan(Offset(Layout.TrailerOf(sector)) + 6, 3), out conditions);

    public byte[] Snapshot() => (byte[])_memory.Clone();

    public void Restore(byte[] image)
    {
        ArgumentNullException.ThrowIfNull(image);
        if (image.Length != _memory.Length)
        {
            throw new ArgumentException($"This card holds {_memory.Length} bytes, the image {image.Length}.", nameof(image));
        }

        image.CopyTo(_memory, 0);
    }

    public override bool Authenticate(byte keyCommand, byte block, byte[] key, byte[] uid4)
    {
        if (State != CardState.Active || keyCommand is not (AuthA or AuthB) || block >= Layout.BlockCount || key is not { Length: 6 }
            || uid4 is not { Length: 4 } || !uid4.AsSpan().SequenceEqual(CryptoUid))
        {
            FallBack();
            return false;
        }

        int sector = Layout.SectorOf(block);
        int trailer = Offset(Layout.TrailerOf(sector));
        var stored = _memory.AsSpan(keyCommand == AuthA ? trailer : trailer + 10, 6);
        if (!TryGetAccessConditions(sector, out _) || !stored.SequenceEqual(key))
        {
            FallBack();
            return false;
        }

        _authenticatedSector = sector;
        _authenticatedKey = keyCommand == AuthA ? KeyRights.KeyA : KeyRights.KeyB;
        _pendingCommand = 0;
        return true;
    }

    protected override bool Understands(ReaderFrame frame) => frame.Encrypted == IsAuthenticated;

    protected override void EndSession()
    {
        _authenticatedSector = -1;
        _authenticatedKey = KeyRights.Never;
        _pendingCommand = 0;
        _transferBufferValid = false;
    }

    protected override CardReply? ReceiveActive(ReaderFrame frame)
    {
        if (!IsAuthenticated)
        {
            return Refuse(frame);
        }

        byte pending = _pendingCommand;
        _pendingCommand = 0;
        return pending switch
        {
            Write => WritePart2(frame),
            Decrement or Increment or RestoreValue => ValuePart2(frame, pending),
            _ => Command(frame),
        };
    }

    private CardReply? Command(ReaderFrame frame)
    {
        if (!HasCrc(frame, 4))
        {
            return Refuse(frame, crcError: frame.BitCount == 32);
        }

        byte command = frame.Data[0];
        int block = frame.Data[1];
        if (block >= Layout.BlockCount || Layout.SectorOf(block) != _authenticatedSector
            || !TryGetAccessConditions(_authenticatedSector, out var conditions)
            || _authenticatedKey == KeyRights.KeyB && TrailerAccess.For(conditions.Trailer).KeyBIsReadable)
        {
            return Refuse(frame);
        }

        var trailer = TrailerAccess.For(conditions.Trailer);
        var data = DataBlockAccess.For(conditions.ForGroup(Layout.AccessGroupOf(block)));
        bool isTrailer = Layout.IsTrailer(block);
        bool isValueTarget = block != 0 && !isTrailer;
        return command switch
        {
            Read when isTrailer => WithCrc(MaskedTrailer(block, trailer), frame),
            Read when Allowed(data.Read) => WithCrc(ReadBlock(block), frame),
            Write when isTrailer && (Allowed(trailer.KeyAWrite) || Allowed(trailer.AccessBitsWrite) || Allowed(trailer.KeyBWrite)) => Expect(Write, block, frame),
            Write when isValueTarget && Allowed(data.Write) => Expect(Write, block, frame),
            Increment when isValueTarget && Allowed(data.Increment) && IsValueBlock(block) => Expect(command, block, frame),
            Decrement or RestoreValue when isValueTarget && Allowed(data.DecrementTransferRestore) && IsValueBlock(block) => Expect(command, block, frame),
            Transfer when isValueTarget && Allowed(data.DecrementTransferRestore) && _transferBufferValid => Commit(block, _transferBuffer, frame),
            _ => Refuse(frame),
        };
    }

    private CardReply? WritePart2(ReaderFrame frame)
    {
        if (!HasCrc(frame, BlockSize + 2))
        {
            return Refuse(frame, crcError: frame.BitCount == (BlockSize + 2) * 8);
        }

        var incoming = frame.Data.AsSpan(0, BlockSize);
        if (!Layout.IsTrailer(_pendingBlock))
        {
            return Commit(_pendingBlock, incoming.ToArray(), frame);
        }

        TryGetAccessConditions(_authenticatedSector, out var conditions);
        var rights = TrailerAccess.For(conditions.Trailer);
        var trailer = ReadBlock(_pendingBlock);
        CopyIf(rights.KeyAWrite, incoming, trailer, 0, 6);
        CopyIf(rights.AccessBitsWrite, incoming, trailer, 6, 4);
        CopyIf(rights.KeyBWrite, incoming, trailer, 10, 6);
        return Commit(_pendingBlock, trailer, frame);
    }

    /// <summary>Part 2 of INCREMENT/DECREMENT/RESTORE: the result goes to the transfer buffer; success is silence.</summary>
    private CardReply? ValuePart2(ReaderFrame frame, byte command)
    {
        if (!HasCrc(frame, 6))
        {
            return Refuse(frame, crcError: frame.BitCount == 48);
        }

        ValueBlock.TryDecode(_memory.AsSpan(Offset(_pendingBlock), BlockSize), out int value, out byte address);
        int operand = BinaryPrimitives.ReadInt32LittleEndian(frame.Data);
        int result = command switch
        {
            Increment => unchecked(value + operand),
            Decrement => unchecked(value - operand),
            _ => value,
        };
        ValueBlock.Encode(result, address).CopyTo(_transferBuffer, 0);
        _transferBufferValid = true;
        return null;
    }

    private CardReply Expect(byte command, int block, ReaderFrame frame)
    {
        _pendingCommand = command;
        _pendingBlock = block;
        return Nibble(MifareAck.Ack, frame);
    }

    private CardReply Commit(int block, byte[] data, ReaderFrame frame)
    {
        Program(data, _memory, Offset(block));
        return Nibble(MifareAck.Ack, frame, ProgrammingMicroseconds);
    }

    private CardReply Refuse(ReaderFrame frame, bool crcError = false)
    {
        byte code = (byte)((crcError ? MifareAck.CrcError : MifareAck.InvalidOperation)
            | (_transferBufferValid ? 0 : MifareAck.TransferBufferInvalid));
        FallBack();
        return Nibble(code, frame);
    }

    /// <summary>Key A always reads as zeros; access bits and key B only where the key may read them.</summary>
    private byte[] MaskedTrailer(int block, TrailerAccess rights)
    {
        var stored = ReadBlock(block);
        var visible = new byte[BlockSize];
        CopyIf(rights.AccessBitsRead, stored, visible, 6, 4);
        CopyIf(rights.KeyBRead, stored, visible, 10, 6);
        return visible;
    }

    private void CopyIf(KeyRights rights, ReadOnlySpan<byte> from, byte[] to, int offset, int count)
    {
        if (Allowed(rights))
        {
            from.Slice(offset, count).CopyTo(to.AsSpan(offset));
        }
    }

    private bool Allowed(KeyRights rights) => (rights & _authenticatedKey) != 0;

    private bool IsValueBlock(int block) => ValueBlock.TryDecode(_memory.AsSpan(Offset(block), BlockSize), out _, out _);

    private int Offset(int block)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(block);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(block, Layout.BlockCount);
        return block * BlockSize;
    }

    /// <summary>Block 0: UID, BCC (4-byte UIDs), SAK, ATQA, then manufacturer data (arbitrary in the model).</summary>
    private void WriteManufacturerBlock(byte[] uid)
    {
        var block = new byte[BlockSize];
        uid.CopyTo(block, 0);
        int next = uid.Length;
        if (uid.Length == 4)
        {
            block[next++] = PiccUid.Bcc(uid[0], uid[1], uid[2], uid[3]);
        }

        block[next++] = Sak;
        block[next++] = Atqa[0];
        block[next++] = Atqa[1];
        for (int i = next; i < BlockSize; i++)
        {
            block[i] = (byte)(0x60 + i);
        }

        WriteBlock(0, block);
    }
}
