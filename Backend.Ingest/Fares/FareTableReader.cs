using System.Buffers.Binary;
using Terminal.Firmware.Fares;

namespace Backend.Ingest.Fares;

/// <summary>
/// Reads a fare table's bytes back into a <see cref="FareTableBuilder"/>, so a new version can start from a published
/// one or a stored draft. Only for tables the firmware's parser has accepted or this backend wrote: it checks lengths,
/// not ranges (<see cref="FareDraftCheck"/> asks the parser for those).
/// </summary>
public static class FareTableReader
{
    /// <summary>The table in <paramref name="data"/>: its signed part, with or without the signature after it.</summary>
    public static FareTableBuilder Read(byte[] data)
    {
        var span = data.AsSpan();
        if (span.Length < FareTableFormat.HeaderSize || span[0] != FareTableFormat.Magic0 || span[1] != FareTableFormat.Magic1)
        {
            throw new FormatException("Not a fare table: it does not start with a 56-byte header and 'FT'.");
        }

        int languages = span[31], routes = BinaryPrimitives.ReadUInt16LittleEndian(span[48..]), zones = span[50], concessions = span[51], promotions = span[52];
        if (span.Length < FareTableFormat.SignedLength(languages, routes, zones, concessions, promotions))
        {
            throw new FormatException("The fare table is shorter than its header announces.");
        }

        var builder = new FareTableBuilder
        {
            Version = BinaryPrimitives.ReadUInt32LittleEndian(span[4..]),
            ValidFrom = BinaryPrimitives.ReadInt64LittleEndian(span[8..]),
            ValidUntil = BinaryPrimitives.ReadInt64LittleEndian(span[16..]),
            IssuerKeyId = BinaryPrimitives.ReadUInt16LittleEndian(span[24..]),
            UtcOffsetMinutes = BinaryPrimitives.ReadInt16LittleEndian(span[26..]),
            ServiceDayStartMinutes = BinaryPrimitives.ReadUInt16LittleEndian(span[28..]),
            MaxTransfers = span[30],
            TransferWindowSeconds = checked((int)BinaryPrimitives.ReadUInt32LittleEndian(span[32..])),
            PassbackSeconds = checked((int)BinaryPrimitives.ReadUInt32LittleEndian(span[36..])),
            OverdraftMinBalance = BinaryPrimitives.ReadInt32LittleEndian(span[40..]),
            OverdraftLimit = BinaryPrimitives.ReadInt32LittleEndian(span[44..]),
            ZoneCount = zones,
        };

        int at = FareTableFormat.HeaderSize;
        builder.Languages.Clear();
        for (int i = 0; i < languages; i++, at += FareTableFormat.LanguageSize)
        {
            builder.Languages.Add(new string([(char)span[at], (char)span[at + 1]]));
        }

        for (int i = 0; i < routes; i++, at += FareTableFormat.RouteSize)
        {
            builder.Routes.Add(new RouteEntry(BinaryPrimitives.ReadUInt16LittleEndian(span[at..]), (RoutePricing)span[at + 2],
                BinaryPrimitives.ReadInt32LittleEndian(span[(at + 3)..])));
        }

        for (int i = 0; i < zones * zones; i++, at += FareTableFormat.ZoneFareSize)
        {
            builder.ZoneFares.Add(BinaryPrimitives.ReadInt32LittleEndian(span[at..]));
        }

        for (int i = 0; i < concessions; i++, at += FareTableFormat.ConcessionSize)
        {
            builder.Concessions.Add(new ConcessionEntry((CardType)span[at], (ConcessionKind)span[at + 1],
                BinaryPrimitives.ReadInt32LittleEndian(span[(at + 2)..]), BinaryPrimitives.ReadInt32LittleEndian(span[(at + 6)..])));
        }

        for (int i = 0; i < promotions; i++, at += FareTableFormat.PromotionSize)
        {
            builder.Promotions.Add(new PromotionEntry(BinaryPrimitives.ReadInt64LittleEndian(span[at..]), BinaryPrimitives.ReadInt64LittleEndian(span[(at + 8)..]),
                BinaryPrimitives.ReadUInt16LittleEndian(span[(at + 16)..]), span[at + 18], (PromotionKind)span[at + 19],
                BinaryPrimitives.ReadInt32LittleEndian(span[(at + 20)..])));
        }

        return builder;
    }
}
