using Terminal.Firmware.Fares;
using Terminal.Firmware.Journal;

namespace Terminal.Emulator.Fleet;

/// <summary>
/// The fare revenue as the journals tell it against the ledger's revenue accounts. From the journals: every card
/// fare charged (CardTapAccepted) less the charges given back (CardWriteAbandoned), plus every QR fare, less what
/// each account's QR fares of one service day exceed the daily cap of the fare table (the lowest cap among the
/// concessions its rides were priced for, as docs/fares.md settles them). Differs is 1 when the ledger says otherwise.
/// </summary>
public sealed record RevenueCheck(long CardFares, long QrFares, long CapRefunds, long Ledger)
{
    public long Expected => CardFares + QrFares - CapRefunds;

    public int Differs => Expected == Ledger ? 0 : 1;

    public static RevenueCheck Compare(IEnumerable<byte[]> journaled, FareTable fares, long ledgerRevenue)
    {
        var record = new TxRecord();
        long card = 0, qr = 0;
        var qrDays = new Dictionary<(uint Account, int Day), (long Charged, long? Cap)>();
        foreach (var bytes in journaled)
        {
            if (TxRecordCodec.Decode(bytes, 0, record) != RecordStatus.Ok)
            {
                continue;
            }

            switch (record.Kind)
            {
                case TxKind.CardTapAccepted:
                    card += record.Amount;
                    break;
                case TxKind.CardWriteAbandoned:
                    card -= record.Amount;
                    break;
                case TxKind.QrAccepted:
                    qr += record.Amount;
                    var key = (record.AccountId, fares.ServiceDayOf(record.Timestamp));
                    var (charged, cap) = qrDays.GetValueOrDefault(key);
                    long? recordCap = record.Concession <= (int)CardType.Staff && fares.DailyCap((CardType)record.Concession) is > 0 and var c ? c : null;
                    qrDays[key] = (charged + record.Amount, recordCap is { } r ? Math.Min(cap ?? r, r) : cap);
                    break;
            }
        }

        var refunds = qrDays.Values.Sum(d => d.Cap is { } dayCap && d.Charged > dayCap ? d.Charged - dayCap : 0);
        return new RevenueCheck(card, qr, refunds, ledgerRevenue);
    }

    public override string ToString() =>
        $"revenue: journals {MinorUnitsText(CardFares)} card fares + {MinorUnitsText(QrFares)} QR fares - {MinorUnitsText(CapRefunds)} QR cap refunds = {MinorUnitsText(Expected)}; ledger revenue {MinorUnitsText(Ledger)}{(Differs == 0 ? "" : " (differs)")}";

    private static string MinorUnitsText(long cents) => Backend.Ingest.Api.MinorUnits.Format(cents);
}
