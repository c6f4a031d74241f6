using System.Buffers.Binary;
using Terminal.Firmware.Fares;

namespace Backend.Ingest.Fares;

/// <summary>
/// Writes the binary fare table of docs/fares.md on the host: the back office's fare table drafts, and tests.
/// It writes what it is given without judging it, so tests can also craft tables the terminal must refuse.
/// </summary>
public sealed class FareTableBuilder
{
    public uint Version { get; set; } = 1;
    public long ValidFrom { get; set; }
    public long ValidUntil { get; set; }
    public int IssuerKeyId { get; set; } = 1;
    public int UtcOffsetMinutes { get; set; }
    public int ServiceDayStartMinutes { get; set; }
    public int MaxTransfers { get; set; }
    public int TransferWindowSeconds { get; set; }
    public int PassbackSeconds { get; set; }
    public int OverdraftMinBalance { get; set; }
    public int OverdraftLimit { get; set; }
    public List<string> Languages { get; } = ["en"];
    public List<RouteEntry> Routes { get; } = [];
    public int ZoneCount { get; set; }

    /// <summary>Origin-major: the fare from zone o to zone d is at o * ZoneCount + d.</summary>
    public List<int> ZoneFares { get; } = [];
    public List<ConcessionEntry> Concessions { get; } = [];
    public List<PromotionEntry> Promotions { get; } = [];

    /// <summary>The bytes the signature covers.</summary>
    public byte[] BuildUnsigned()
    {
        var bytes = new byte[FareTableFormat.SignedLength(Languages.Count, Routes.Count, ZoneCount, Concessions.Count, Promotions.Count)];
        var span = bytes.AsSpan();
        span[0] = FareTableFormat.Magic0;
        span[1] = FareTableFormat.Magic1;
        span[2] = FareTableFormat.Version1;
        BinaryPrimitives.WriteUInt32LittleEndian(span[4..], Version);
        BinaryPrimitives.WriteInt64LittleEndian(span[8..], ValidFrom);
        BinaryPrimitives.WriteInt64LittleEndian(span[16..], ValidUntil);
        BinaryPrimitives.WriteUInt16LittleEndian(span[24..], checked((ushort)IssuerKeyId));
        BinaryPrimitives.WriteInt16LittleEndian(span[26..], checked((short)UtcOffsetMinutes));
        BinaryPrimitives.WriteUInt16LittleEndian(span[28..], checked((ushort)ServiceDayStartMinutes));
        span[30] = checked((byte)MaxTransfers);
        span[31] = checked((byte)Languages.Count);
        BinaryPrimitives.WriteUInt32LittleEndian(span[32..], checked((uint)TransferWindowSeconds));
        BinaryPrimitives.WriteUInt32LittleEndian(span[36..], checked((uint)PassbackSeconds));
        BinaryPrimitives.WriteInt32LittleEndian(span[40..], OverdraftMinBalance);
        BinaryPrimitives.WriteInt32LittleEndian(span[44..], OverdraftLimit);
        BinaryPrimitives.WriteUInt16LittleEndian(span[48..], checked((ushort)Routes.Count));
        span[50] = checked((byte)ZoneCount);
        span[51] = checked((byte)Concessions.Count);
        span[52] = checked((byte)Promotions.Count);

        int at = FareTableFormat.HeaderSize;
        foreach (var language in Languages)
        {
            span[at++] = (byte)language[0];
            span[at++] = (byte)language[1];
        }

        foreach (var route in Routes)
        {
            BinaryPrimitives.WriteUInt16LittleEndian(span[at..], checked((ushort)route.RouteId));
            span[at + 2] = (byte)route.Pricing;
            BinaryPrimitives.WriteInt32LittleEndian(span[(at + 3)..], route.Fare);
            at += FareTableFormat.RouteSize;
        }

        if (ZoneFares.Count != ZoneCount * ZoneCount)
        {
            throw new InvalidOperationException($"A {ZoneCount}-zone matrix needs {ZoneCount * ZoneCount} fares, not {ZoneFares.Count}.");
        }

        foreach (var fare in ZoneFares)
        {
            BinaryPrimitives.WriteInt32LittleEndian(span[at..], fare);
            at += FareTableFormat.ZoneFareSize;
        }

        foreach (var concession in Concessions)
        {
            span[at] = (byte)concession.CardType;
            span[at + 1] = (byte)concession.Kind;
            BinaryPrimitives.WriteInt32LittleEndian(span[(at + 2)..], concession.Value);
            BinaryPrimitives.WriteInt32LittleEndian(span[(at + 6)..], concession.DailyCap);
            at += FareTableFormat.ConcessionSize;
        }

        foreach (var promotion in Promotions)
        {
            BinaryPrimitives.WriteInt64LittleEndian(span[at..], promotion.From);
            BinaryPrimitives.WriteInt64LittleEndian(span[(at + 8)..], promotion.Until);
            BinaryPrimitives.WriteUInt16LittleEndian(span[(at + 16)..], checked((ushort)promotion.RouteId));
            span[at + 18] = checked((byte)promotion.CardType);
            span[at + 19] = (byte)promotion.Kind;
            BinaryPrimitives.WriteInt32LittleEndian(span[(at + 20)..], promotion.Value);
            at += FareTableFormat.PromotionSize;
        }

        return bytes;
    }

    /// <summary>The whole table: the signed bytes followed by the 64-byte signature <paramref name="sign"/> makes over them.</summary>
    public byte[] Build(Func<byte[], byte[]> sign)
    {
        var unsigned = BuildUnsigned();
        var signature = sign(unsigned);
        if (signature.Length != FareTableFormat.SignatureSize)
        {
            throw new InvalidOperationException($"An Ed25519 signature has {FareTableFormat.SignatureSize} bytes, not {signature.Length}.");
        }

        return [.. unsigned, .. signature];
    }
}
