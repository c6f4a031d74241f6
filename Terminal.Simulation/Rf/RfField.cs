using Terminal.Drivers.Iso14443;
using Terminal.Simulation.Timing;

namespace Terminal.Simulation.Rf;

/// <summary>
/// The reader's RF field with any number of cards in it. Every exchange costs its ISO 14443 air
/// time on <see cref="Clock"/> (see <see cref="AirTime"/>) plus the reader guard before the next
/// frame, and is numbered (<see cref="ExchangeCount"/>) so that tests can make a card leave at
/// any exchange of an operation (<see cref="RemoveBefore"/>, <see cref="TearAt"/>,
/// <see cref="TearDuringProgramming"/>).
/// </summary>
public sealed class RfField(SimulatedClock clock) : IRfChannel
{
    private readonly List<IVirtualCard> _cards = [];
    private readonly List<FieldFault> _faults = [];
    private bool _fieldOn;
    private double _spentMicroseconds;

    public SimulatedClock Clock => clock;

    public RfStatistics Statistics { get; } = new();

    /// <summary>Exchanges so far (MFAuthent counts two); the next exchange has this index.</summary>
    public long ExchangeCount { get; private set; }

    public IReadOnlyList<IVirtualCard> Cards => _cards;

    /// <summary>Off at power-up, like the MFRC522's antenna drivers.</summary>
    public bool FieldOn
    {
        get => _fieldOn;
        set
        {
            if (_fieldOn && !value)
            {
                _cards.ForEach(card => card.PowerOff());
            }

            _fieldOn = value;
        }
    }

    /// <summary>A card comes into the field, unpowered until now: it starts in IDLE.</summary>
    public void Enter(IVirtualCard card)
    {
        ArgumentNullException.ThrowIfNull(card);
        if (_cards.Contains(card))
        {
            throw new InvalidOperationException("The card is already in the field.");
        }

        card.PowerOff();
        _cards.Add(card);
    }

    /// <summary>The card leaves the field and loses power; false when it was not in it.</summary>
    public bool Remove(IVirtualCard card)
    {
        if (!_cards.Remove(card))
        {
            return false;
        }

        card.PowerOff();
        return true;
    }

    /// <summary>The card leaves just before exchange <paramref name="exchangeIndex"/>: it never sees that frame.</summary>
    public void RemoveBefore(long exchangeIndex, IVirtualCard card) =>
        Plan(new FieldFault(exchangeIndex, card, FieldFaultKind.RemoveBefore));

    /// <summary>
    /// The card processes exchange <paramref name="exchangeIndex"/>'s frame (committing what the
    /// command writes) and leaves before answering.
    /// </summary>
    public void TearAt(long exchangeIndex, IVirtualCard card) =>
        Plan(new FieldFault(exchangeIndex, card, FieldFaultKind.TearAfterReceive));

    /// <summary>
    /// The card leaves in the middle of programming exchange <paramref name="exchangeIndex"/>'s write:
    /// only the first <paramref name="bytesProgrammed"/> bytes of the target block or page change.
    /// </summary>
    public void TearDuringProgramming(long exchangeIndex, IVirtualCard card, int bytesProgrammed)
    {
        if (card is not IInterruptibleProgramming)
        {
            throw new ArgumentException("This card cannot have its programming interrupted.", nameof(card));
        }

        ArgumentOutOfRangeException.ThrowIfNegative(bytesProgrammed);
        Plan(new FieldFault(exchangeIndex, card, FieldFaultKind.TearDuringProgramming, bytesProgrammed));
    }

    public void ClearFaults() => _faults.Clear();

    public Reception? Exchange(ReaderFrame frame, int timeoutMicroseconds)
    {
        ArgumentNullException.ThrowIfNull(frame);
        ArgumentOutOfRangeException.ThrowIfNegative(timeoutMicroseconds);
        if (frame.BitCount <= 0 || frame.Data.Length < frame.ByteCount)
        {
            throw new ArgumentException($"A frame of {frame.BitCount} bits cannot come from {frame.Data.Length} bytes.", nameof(frame));
        }

        long index = BeginExchange();
        double frameTime = AirTime.ReaderFrameMicroseconds(frame.BitCount);
        var replies = new List<CardReply>();

        if (_fieldOn)
        {
            foreach (var card in _cards.ToList())
            {
                var interrupted = TakeFault(index, card, FieldFaultKind.TearDuringProgramming);
                if (interrupted is not null)
                {
                    ((IInterruptibleProgramming)card).InterruptNextProgramming(interrupted.BytesProgrammed);
                }

                var reply = card.Receive(frame);
                if (interrupted is not null || TakeFault(index, card, FieldFaultKind.TearAfterReceive) is not null)
                {
                    Remove(card);
                }
                else if (reply is { BitCount: > 0 } && reply.LatencyMicroseconds <= timeoutMicroseconds)
                {
                    replies.Add(reply);
                }
            }
        }

        if (replies.Count == 0)
        {
            Spend(frame.BitCount, 0, frameTime + timeoutMicroseconds, frameTime + AirTime.MinimumSilenceMicroseconds(frame));
            return null;
        }

        int alignment = AirTime.ReplyAlignment(frame);
        var ordered = replies.OrderBy(r => r.LatencyMicroseconds).ToList();
        var reception = ReplySuperposition.Superpose(ordered, alignment);
        double air = frameTime + ordered[0].LatencyMicroseconds + AirTime.CardFrameMicroseconds(reception.BitCount, alignment);
        Spend(frame.BitCount, reception.BitCount, air, air);
        return reception;
    }

    /// <summary>
    /// MFAuthent: part 1 (<c>60/61 block</c> + CRC_A → 4-byte card nonce), part 2 (8 bytes → 4 bytes),
    /// each an exchange. Only a selected card answers part 1; the card alone decides part 2.
    /// </summary>
    public bool Authenticate(byte keyCommand, byte block, byte[] key, byte[] uid4, int timeoutMicroseconds)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(timeoutMicroseconds);
        var part1 = new ReaderFrame(WithCrc(keyCommand, block), 32, Encrypted: false);
        var part2 = new ReaderFrame(new byte[8], 64, Encrypted: true);

        long index1 = BeginExchange();
        var participants = _fieldOn ? _cards.Where(c => c is not IActivationState s || s.IsActive).ToList() : [];
        if (_fieldOn)
        {
            // Part 1 also reaches cards that are not selected; to them it is a stray frame (a READY card falls back to IDLE).
            _cards.Except(participants).ToList().ForEach(c => c.Authenticate(keyCommand, block, key, uid4));
        }

        if (participants.Count == 1 && TakeFault(index1, participants[0], FieldFaultKind.TearAfterReceive) is not null)
        {
            Remove(participants[0]);
            participants.Clear();
        }

        // Two selected cards would answer with colliding nonces, which MFAuthent cannot use.
        if (participants.Count != 1)
        {
            SpendSilence(part1, timeoutMicroseconds);
            return false;
        }

        var card = participants[0];
        SpendReply(part1, 32);

        long index2 = BeginExchange();
        if (!_cards.Contains(card))
        {
            SpendSilence(part2, timeoutMicroseconds);
            return false;
        }

        bool authenticated = card.Authenticate(keyCommand, block, key, uid4);
        if (TakeFault(index2, card, FieldFaultKind.TearAfterReceive) is not null)
        {
            Remove(card);
            authenticated = false;
        }

        if (!authenticated)
        {
            SpendSilence(part2, timeoutMicroseconds);
            return false;
        }

        SpendReply(part2, 32);
        return true;
    }

    private void Plan(FieldFault fault)
    {
        ArgumentNullException.ThrowIfNull(fault.Card);
        ArgumentOutOfRangeException.ThrowIfLessThan(fault.ExchangeIndex, ExchangeCount);
        _faults.Add(fault);
    }

    private long BeginExchange()
    {
        long index = ExchangeCount++;
        foreach (var fault in _faults.Where(f => f.ExchangeIndex == index && f.Kind == FieldFaultKind.RemoveBefore).ToList())
        {
            _faults.Remove(fault);
            Remove(fault.Card);
        }

        return index;
    }

    private FieldFault? TakeFault(long index, IVirtualCard card, FieldFaultKind kind)
    {
        var fault = _faults.Find(f => f.ExchangeIndex == index && f.Card == card && f.Kind == kind);
        if (fault is not null)
        {
            _faults.Remove(fault);
        }

        return fault;
    }

    private void SpendSilence(ReaderFrame frame, int timeoutMicroseconds)
    {
        double frameTime = AirTime.ReaderFrameMicroseconds(frame.BitCount);
        Spend(frame.BitCount, 0, frameTime + timeoutMicroseconds, frameTime + AirTime.MinimumSilenceMicroseconds(frame));
    }

    private void SpendReply(ReaderFrame frame, int replyBits)
    {
        double air = AirTime.ExchangeMicroseconds(frame, replyBits);
        Spend(frame.BitCount, replyBits, air, air);
    }

    private void Spend(int readerBits, int cardBits, double microseconds, double minimumMicroseconds)
    {
        microseconds += AirTime.ReaderGuardMicroseconds;
        minimumMicroseconds += AirTime.ReaderGuardMicroseconds;
        Statistics.Record(readerBits, cardBits, microseconds, minimumMicroseconds);
        long before = (long)_spentMicroseconds;
        _spentMicroseconds += microseconds;
        clock.Advance((long)_spentMicroseconds - before);
    }

    private static byte[] WithCrc(byte command, byte argument)
    {
        var frame = new byte[] { command, argument, 0, 0 };
        CrcA.Append(frame, 0, 2);
        return frame;
    }
}
