using FsCheck;
using FsCheck.Fluent;
using Terminal.Firmware.Fares;
using Terminal.Firmware.Journal;

namespace Terminal.Tests.Journal;

/// <summary>Generators of valid records over each field's whole range, edges included, and helpers to compare them.</summary>
public static class TxRecords
{
    public static readonly TxKind[] AllKinds = Enum.GetValues<TxKind>();

    public static Arbitrary<TxRecord> Arbitrary { get; } = Arb.From(Valid());

    public static Gen<TxRecord> Valid() =>
        from kind in Gen.Elements(AllKinds)
        from sequence in UInt32(1, uint.MaxValue)
        from timestamp in UInt32(0, uint.MaxValue)
        from route in Int(0, TxRecordCodec.MaxRoute)
        from origin in Int(0, TxRecordCodec.MaxZone)
        from destination in Int(0, TxRecordCodec.MaxZone)
        from body in kind == TxKind.TerminalEvent ? Event() : Passenger(kind)
        select Build(kind, sequence, timestamp, (route, origin, destination), body);

    /// <summary>A plain card tap with every field set to something recognisable.</summary>
    public static TxRecord CardTap(uint sequence = 7)
    {
        var record = new TxRecord { Kind = TxKind.CardTapAccepted, Sequence = sequence, Timestamp = 1_764_000_000 };
        record.SetCard([0x04, 0xA1, 0xB2, 0xC3, 0xD4, 0xE5, 0xF6], 0, 7);
        record.Amount = 250;
        record.BalanceAfter = -120;
        record.CardCounter = 0x1234;
        record.Route = 0x1234;
        record.OriginZone = 3;
        record.DestinationZone = 12;
        record.Product = (int)FareOutcome.Charge;
        record.Concession = 3;
        return record;
    }

    public static byte[] Encode(TxRecord record)
    {
        var bytes = new byte[TxRecordCodec.Size];
        var status = TxRecordCodec.Encode(record, bytes, 0);
        if (status != RecordStatus.Ok)
        {
            throw new InvalidOperationException($"Test record does not encode: {status} ({Describe(record)})");
        }

        return bytes;
    }

    /// <summary>Every field in one string, so that two records compare (and print) as values.</summary>
    public static string Describe(TxRecord r) =>
        $"{r.Kind} seq={r.Sequence} t={r.Timestamp} uid={Convert.ToHexString(r.Uid)}/{r.UidLength} acct={r.AccountId} token={r.TokenId} " +
        $"amount={r.Amount} reason={r.Reason} balance={r.BalanceAfter} counter={r.CardCounter} route={r.Route} zones={r.OriginZone}-{r.DestinationZone} " +
        $"product={r.Product} concession={r.Concession} load={r.LoadNumber} event={r.EventCode}/{r.EventValue}";

    public static Gen<int> Int(int min, int max) => Gen.OneOf(Gen.Elements(min, max), Gen.Choose(min, max));

    public static Gen<uint> UInt32(uint min, uint max) => Gen.OneOf(
        Gen.Elements(min, max),
        from high in Gen.Choose(0, 0xFFFF)
        from low in Gen.Choose(0, 0xFFFF)
        select Math.Clamp(((uint)high << 16) | (uint)low, min, max));

    private static Gen<ulong> UInt64() =>
        from high in UInt32(0, uint.MaxValue)
        from low in UInt32(0, uint.MaxValue)
        select ((ulong)high << 32) | low;

    private static Gen<Action<TxRecord>> Event() =>
        from code in Int(0, 0xFFFF)
        from value in UInt32(0, uint.MaxValue)
        select (Action<TxRecord>)(r =>
        {
            r.EventCode = code;
            r.EventValue = value;
        });

    private static Gen<Action<TxRecord>> Passenger(TxKind kind) =>
        from identity in kind switch
        {
            TxKind.QrAccepted => Qr(),
            TxKind.Refusal => Gen.OneOf(Qr(), Card()),
            _ => Card(),
        }
        from amount in Int(0, TxRecordCodec.MaxAmount)
        from product in Int(0, TxRecordCodec.MaxProduct)
        from concession in Int(0, TxRecordCodec.MaxConcession)
        select (Action<TxRecord>)(r =>
        {
            identity(r);
            if (kind == TxKind.Refusal)
            {
                r.Reason = amount;
            }
            else
            {
                r.Amount = amount;
            }

            r.Product = product;
            r.Concession = concession;
        });

    private static Gen<Action<TxRecord>> Card() =>
        from length in Gen.Elements(4, 7, 10)
        from uid in Gen.ArrayOf(Gen.Choose(0, 255).Select(b => (byte)b), length)
        from balance in Int(TxRecordCodec.MinBalance, TxRecordCodec.MaxBalance)
        from counter in Int(0, TxRecordCodec.MaxCardCounter)
        select (Action<TxRecord>)(r =>
        {
            r.SetCard(uid, 0, length);
            r.BalanceAfter = balance;
            r.CardCounter = counter;
        });

    private static Gen<Action<TxRecord>> Qr() =>
        from account in UInt32(0, uint.MaxValue)
        from token in Gen.OneOf(Gen.Elements(0UL, ulong.MaxValue), UInt64())
        select (Action<TxRecord>)(r => r.SetQr(account, token));

    private static TxRecord Build(TxKind kind, uint sequence, uint timestamp, (int Route, int Origin, int Destination) location, Action<TxRecord> body)
    {
        var record = new TxRecord
        {
            Kind = kind,
            Sequence = sequence,
            Timestamp = timestamp,
            Route = IsLoad(kind) ? 0 : location.Route,
            LoadNumber = IsLoad(kind) ? location.Route : 0,
            OriginZone = location.Origin,
            DestinationZone = location.Destination,
        };
        body(record);
        return record;
    }

    /// <summary>Load records keep the load's number in the route's bytes.</summary>
    private static bool IsLoad(TxKind kind) => kind is TxKind.LoadApplied or TxKind.LoadAbandoned;
}
