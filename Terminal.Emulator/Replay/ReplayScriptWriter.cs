using System.Buffers.Binary;
using System.Text;
using Terminal.NanoReplay.Replay;

namespace Terminal.Emulator.Replay;

/// <summary>
/// Writes a replay script (the format <see cref="ReplayScript"/> reads): the board calls are appended by the recording
/// devices as the firmware makes them, the header (provisioning, flash files, phases) is put in front at the end.
/// </summary>
public sealed class ReplayScriptWriter
{
    private readonly MemoryStream _events = new();
    private readonly List<ReplayPhase> _phases = [];
    private readonly List<(string Name, byte[] Content)> _files = [];

    /// <summary>The phases recorded so far, in order.</summary>
    public IReadOnlyList<ReplayPhase> Phases => _phases;

    public void AddFile(string name, byte[] content) => _files.Add((name, content));

    /// <summary>Marks the start of the next phase in the stream; its results are filled in by <see cref="EndPhase"/>.</summary>
    public ReplayPhase StartPhase(ReplayPhaseKind kind, uint fromSequence, byte[]? input = null)
    {
        var phase = new ReplayPhase { Kind = kind, FromSequence = fromSequence, Input = input ?? [] };
        _events.WriteByte(ReplayTags.Phase);
        _events.WriteByte(checked((byte)_phases.Count));
        _phases.Add(phase);
        return phase;
    }

    public static void EndPhase(ReplayPhase phase, int outcome, byte[] journaled)
    {
        phase.ExpectedOutcome = outcome;
        phase.ExpectedJournal = journaled;
    }

    public void Spi(ReadOnlySpan<byte> mosi, ReadOnlySpan<byte> miso)
    {
        _events.WriteByte(ReplayTags.Spi);
        WriteUInt16(_events, mosi.Length);
        _events.Write(mosi);
        _events.Write(miso);
    }

    public void Monotonic(long microseconds) => Int64(ReplayTags.Monotonic, microseconds);

    public void WallClock(long unixSeconds) => Int64(ReplayTags.WallClock, unixSeconds);

    public void ClockSet(long unixSeconds) => Int64(ReplayTags.ClockSet, unixSeconds);

    public void Delay(int microseconds)
    {
        _events.WriteByte(ReplayTags.Delay);
        Span<byte> value = stackalloc byte[4];
        BinaryPrimitives.WriteInt32LittleEndian(value, microseconds);
        _events.Write(value);
    }

    public void SerialRead(int asked, ReadOnlySpan<byte> returned)
    {
        _events.WriteByte(ReplayTags.SerialRead);
        WriteUInt16(_events, asked);
        WriteUInt16(_events, returned.Length);
        _events.Write(returned);
    }

    public void SerialWrite(ReadOnlySpan<byte> written)
    {
        _events.WriteByte(ReplayTags.SerialWrite);
        WriteUInt16(_events, written.Length);
        _events.Write(written);
    }

    /// <summary>The whole script: header, phases, then the stream closed by its end tag.</summary>
    public byte[] Build(ReplayProvisioning provisioning)
    {
        var script = new MemoryStream();
        WriteUInt32(script, ReplayTags.Magic);
        WriteUInt32(script, (uint)provisioning.TerminalId);
        WriteUInt32(script, (uint)provisioning.RouteId);
        script.Write(Exactly(provisioning.SectorKeyMaster, ReplayScript.SecretSize, "sector key master"));
        script.Write(Exactly(provisioning.MacMaster, ReplayScript.SecretSize, "MAC master"));
        WriteUInt16(script, provisioning.BackendKeyId);
        script.Write(Exactly(provisioning.BackendPublicKey, ReplayScript.PublicKeySize, "backend key"));
        WriteUInt16(script, provisioning.QrKeyId);
        script.Write(Exactly(provisioning.QrPublicKey, ReplayScript.PublicKeySize, "QR key"));
        WriteUInt16(script, _files.Count);
        foreach (var (name, content) in _files)
        {
            var ascii = Encoding.ASCII.GetBytes(name);
            script.WriteByte(checked((byte)ascii.Length));
            script.Write(ascii);
            WriteUInt32(script, (uint)content.Length);
            script.Write(content);
        }

        script.WriteByte(checked((byte)_phases.Count));
        foreach (var phase in _phases)
        {
            script.WriteByte((byte)phase.Kind);
            WriteUInt32(script, (uint)phase.ExpectedOutcome);
            WriteUInt32(script, phase.FromSequence);
            WriteUInt32(script, (uint)phase.Input.Length);
            script.Write(phase.Input);
            WriteUInt32(script, (uint)phase.ExpectedJournal.Length);
            script.Write(phase.ExpectedJournal);
        }

        _events.WriteTo(script);
        script.WriteByte(ReplayTags.End);
        return script.ToArray();
    }

    private void Int64(byte tag, long value)
    {
        _events.WriteByte(tag);
        Span<byte> bytes = stackalloc byte[8];
        BinaryPrimitives.WriteInt64LittleEndian(bytes, value);
        _events.Write(bytes);
    }

    private static byte[] Exactly(byte[] value, int size, string what) =>
        value.Length == size ? value : throw new ArgumentException($"The {what} must be {size} bytes, not {value.Length}.");

    private static void WriteUInt16(Stream stream, int value)
    {
        Span<byte> bytes = stackalloc byte[2];
        BinaryPrimitives.WriteUInt16LittleEndian(bytes, checked((ushort)value));
        stream.Write(bytes);
    }

    private static void WriteUInt32(Stream stream, uint value)
    {
        Span<byte> bytes = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32LittleEndian(bytes, value);
        stream.Write(bytes);
    }
}
