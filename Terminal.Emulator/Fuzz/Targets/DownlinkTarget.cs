using Terminal.Firmware.Blacklist;
using Terminal.Firmware.Downlink;
using Terminal.Firmware.Fares;
using Terminal.Firmware.Loads;

namespace Terminal.Emulator.Fuzz.Targets;

/// <summary>
/// A config message from the backend: the framing, then the body the way <see cref="DownlinkAgent"/> checks and
/// reads it once the signature holds (the fuzzer skips the signature, standing for a buggy or compromised
/// backend): blacklist and pending-load sections, key sets, time and fare tables. Every section read is written
/// back and must give the same bytes.
/// </summary>
public sealed class DownlinkTarget : IFuzzTarget
{
    private readonly DownlinkHeader _header = new();
    private readonly FareTable _fares = new();

    public string Name => "downlink";

    public IReadOnlyList<byte[]> Seeds()
    {
        var blacklist = new BlacklistChanges();
        blacklist.ListCard([1, 2, 3, 4], 0, 4, 3);
        blacklist.RemoveCard([1, 2, 3, 4, 5, 6, 7], 0, 7);
        var loads = new PendingLoadChanges();
        loads.Add([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 0, 10, 65535, 2000);
        loads.Remove([4, 3, 2, 1], 0, 4);
        var listed = new BlacklistChanges();
        listed.ListCard([9, 9, 9, 9], 0, 4, 1);
        var offered = new PendingLoadChanges();
        offered.Add([5, 5, 5, 5], 0, 4, 1, 500);
        var keys = new byte[KeySetBody.LengthFor(2)];
        KeySetBody.Write([1, 2], [new byte[32], Enumerable.Repeat((byte)0xFF, 32).ToArray()], keys, 0);
        var time = new byte[TimeBody.Size];
        TimeBody.Write(1234, time, 0);
        var fareTable = Backoffice.DemoFareTable.Builder(1, 1_764_000_000).Build(_ => new byte[64]);
        return
        [
            Message(DownlinkKind.BlacklistDelta, 4, 5, Section(blacklist)),
            Message(DownlinkKind.BlacklistSnapshot, 0, 6, Section(listed)),
            Message(DownlinkKind.PendingLoadDelta, 1, 2, Section(loads)),
            Message(DownlinkKind.PendingLoadSnapshot, 0, 3, Section(offered)),
            Message(DownlinkKind.Keys, 0, 2, keys),
            Message(DownlinkKind.Time, 0, 0, time),
            Message(DownlinkKind.FareTable, 0, 1, fareTable),
        ];
    }

    public void Run(byte[] input)
    {
        if (DownlinkCodec.Decode(input, 0, input.Length, _header) != DownlinkStatus.Ok)
        {
            return;
        }

        int body = _header.BodyOffset;
        int end = body + _header.BodyLength;
        uint sections = _header.ToVersion - _header.FromVersion;
        switch (_header.Kind)
        {
            case DownlinkKind.BlacklistDelta when _header.ToVersion > _header.FromVersion && BlacklistBody.IsWellFormed(input, body, _header.BodyLength, sections, false):
            case DownlinkKind.BlacklistSnapshot when _header.ToVersion != 0 && BlacklistBody.IsWellFormed(input, body, _header.BodyLength, 1, true):
                for (var at = body; at < end;)
                {
                    var changes = new BlacklistChanges();
                    var next = BlacklistBody.ReadSection(input, at, end, _header.Kind == DownlinkKind.BlacklistSnapshot, changes);
                    FuzzMismatchException.Check(next > at, "a well-formed blacklist body has a section that does not read");
                    var written = new byte[next - at];
                    FuzzMismatchException.Check(BlacklistBody.WriteSection(changes, written, 0) == written.Length && written.AsSpan().SequenceEqual(input.AsSpan(at, next - at)), "a blacklist section writes back to other bytes");
                    at = next;
                }

                break;
            case DownlinkKind.PendingLoadDelta when _header.ToVersion > _header.FromVersion && PendingLoadBody.IsWellFormed(input, body, _header.BodyLength, sections, false):
            case DownlinkKind.PendingLoadSnapshot when _header.ToVersion != 0 && PendingLoadBody.IsWellFormed(input, body, _header.BodyLength, 1, true):
                for (var at = body; at < end;)
                {
                    var changes = new PendingLoadChanges();
                    var next = PendingLoadBody.ReadSection(input, at, end, _header.Kind == DownlinkKind.PendingLoadSnapshot, changes);
                    FuzzMismatchException.Check(next > at, "a well-formed pending-load body has a section that does not read");
                    var written = new byte[next - at];
                    FuzzMismatchException.Check(PendingLoadBody.WriteSection(changes, written, 0) == written.Length && written.AsSpan().SequenceEqual(input.AsSpan(at, next - at)), "a pending-load section writes back to other bytes");
                    at = next;
                }

                break;
            case DownlinkKind.Keys:
                var count = KeySetBody.Count(input, body, _header.BodyLength);
                for (var i = 0; i < count; i++)
                {
                    FuzzMismatchException.Check(KeySetBody.KeyOffset(body, i) + 32 <= end && KeySetBody.KeyIdAt(input, body, i) >= 0, "a key entry lies outside its body");
                }

                break;
            case DownlinkKind.Time when _header.BodyLength == TimeBody.Size:
                TimeBody.Read(input, body);
                break;
            case DownlinkKind.FareTable:
                FareTableParser.Parse(input, body, _header.BodyLength, _fares);
                break;
        }
    }

    private static byte[] Section(BlacklistChanges changes)
    {
        var bytes = new byte[BlacklistBody.SectionLength(changes)];
        BlacklistBody.WriteSection(changes, bytes, 0);
        return bytes;
    }

    private static byte[] Section(PendingLoadChanges changes)
    {
        var bytes = new byte[PendingLoadBody.SectionLength(changes)];
        PendingLoadBody.WriteSection(changes, bytes, 0);
        return bytes;
    }

    private static byte[] Message(DownlinkKind kind, uint from, uint to, byte[] body)
    {
        var message = new byte[DownlinkCodec.LengthFor(body.Length)];
        body.CopyTo(message, DownlinkCodec.HeaderSize);
        var header = new DownlinkHeader { Kind = kind, TargetTerminal = 7, FromVersion = from, ToVersion = to, IssuedAt = 1_764_000_000, BodyLength = body.Length, KeyId = 1 };
        if (DownlinkCodec.WriteUnsigned(header, message, 0) < 0)
        {
            throw new InvalidOperationException($"seed {kind} message does not frame");
        }

        return message;
    }
}
