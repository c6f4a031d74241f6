using Terminal.Firmware.Binary;
using Terminal.Firmware.Downlink;
using Terminal.Firmware.Journal;

namespace Terminal.Emulator.Fuzz.Targets;

/// <summary>The terminal's status message (both forms), raw and with the online form's CRC repaired: an accepted status encodes again to the same bytes.</summary>
public sealed class StatusTarget : IFuzzTarget
{
    private readonly TerminalStatusReport _report = new();
    private readonly byte[] _encoded = new byte[StatusCodec.Size];

    public string Name => "status";

    public IReadOnlyList<byte[]> Seeds()
    {
        var online = new byte[StatusCodec.Size];
        StatusCodec.Encode(new TerminalStatusReport { TerminalId = 7, Online = true, FirmwareVersion = 3, FareTableVersion = 12, BlacklistVersion = 40, KeysVersion = 2, JournalBacklog = 5, AcknowledgedUpTo = 100, NextSequence = 106, ClockUnixSeconds = 1_764_000_000, UptimeSeconds = 3600, PendingLoadsVersion = 9 }, online, 0);
        var offline = new byte[StatusCodec.MaxOfflineSize];
        var length = StatusCodec.EncodeOffline(4_294_967_295, offline, 0);
        return [online, offline[..length]];
    }

    public void Run(byte[] input)
    {
        Check(input);
        if (input.Length >= StatusCodec.Size)
        {
            LittleEndian.WriteUInt32(input, StatusCodec.Size - 4, Crc32.Compute(input, 0, StatusCodec.Size - 4));
        }

        Check(input);
    }

    private void Check(byte[] input)
    {
        if (StatusCodec.Decode(input, 0, input.Length, _report) != WireStatus.Ok)
        {
            return;
        }

        var length = _report.Online ? (StatusCodec.Encode(_report, _encoded, 0) ? StatusCodec.Size : -1) : StatusCodec.EncodeOffline(_report.TerminalId, _encoded, 0);
        FuzzMismatchException.Check(length == input.Length && _encoded.AsSpan(0, length).SequenceEqual(input), "an accepted status encodes again to other bytes");
    }
}
