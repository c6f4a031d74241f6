using Terminal.Drivers.Reader;

namespace Terminal.Tests.Iso14443;

/// <summary>
/// A reader chip that answers from a script and records what it was asked, to pin down the
/// frames the protocol layers build and how they read each kind of answer.
/// </summary>
internal sealed class ScriptedPcd : IPcd
{
    private readonly Queue<Answer> _answers = new();

    public List<SentFrame> Frames { get; } = [];

    /// <summary>Every call in order: "transceive", "stop-crypto1", "authenticate".</summary>
    public List<string> Calls { get; } = [];

    public (byte KeyCommand, byte Block, byte[] Key, byte[] Uid4)? LastAuthentication { get; private set; }

    public ReaderStatus AuthenticationResult { get; set; } = ReaderStatus.Ok;

    public ScriptedPcd Reply(params byte[] bytes) => Enqueue(new Answer(ReaderStatus.Ok, bytes, 0, -1));

    public ScriptedPcd ReplyBits(byte value, int bits) => Enqueue(new Answer(ReaderStatus.Ok, [value], bits, -1));

    public ScriptedPcd Silence() => Enqueue(new Answer(ReaderStatus.Timeout, [], 0, -1));

    public ScriptedPcd Fail(ReaderStatus status, byte[]? bytes = null, int lastBits = 0) =>
        Enqueue(new Answer(status, bytes ?? [], lastBits, -1));

    /// <summary>A collided answer: <paramref name="bytes"/> as received, first collided bit counted from Rx[0] bit 0.</summary>
    public ScriptedPcd Collide(int collisionBit, params byte[] bytes) =>
        Enqueue(new Answer(ReaderStatus.Collision, bytes, 0, collisionBit));

    public ReaderStatus Transceive(PcdExchange exchange)
    {
        Calls.Add("transceive");
        Frames.Add(new SentFrame(
            exchange.Tx[..exchange.TxLength], exchange.TxLastBits, exchange.RxAlign, exchange.TxCrc, exchange.RxCrc, exchange.TimeoutMicroseconds));
        var answer = _answers.Count > 0 ? _answers.Dequeue() : new Answer(ReaderStatus.Timeout, [], 0, -1);
        answer.Bytes.CopyTo(exchange.Rx, 0);
        exchange.RxLength = answer.Bytes.Length;
        exchange.RxLastBits = answer.LastBits;
        exchange.CollisionBit = answer.CollisionBit;
        return answer.Status;
    }

    public ReaderStatus Authenticate(byte keyCommand, byte block, byte[] key, int keyOffset, byte[] uid, int uidOffset)
    {
        Calls.Add("authenticate");
        LastAuthentication = (keyCommand, block, key[keyOffset..(keyOffset + 6)], uid[uidOffset..(uidOffset + 4)]);
        return AuthenticationResult;
    }

    public void StopCrypto1() => Calls.Add("stop-crypto1");

    private ScriptedPcd Enqueue(Answer answer)
    {
        _answers.Enqueue(answer);
        return this;
    }

    private sealed record Answer(ReaderStatus Status, byte[] Bytes, int LastBits, int CollisionBit);
}

internal sealed record SentFrame(byte[] Bytes, int TxLastBits, int RxAlign, bool TxCrc, bool RxCrc, int TimeoutMicroseconds);
