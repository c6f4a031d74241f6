using Backend.Ingest.Storage;
using Backend.Tests.Api;
using Backend.Tests.Ledger;
using Backend.Tests.Storage;
using Terminal.Firmware.Fares;
using Terminal.Firmware.Journal;
using Xunit;

namespace Backend.Tests.Reports;

/// <summary>
/// Two days of a small network, stored the way the fleet stores them: journal records through the ingest store
/// (which posts them to the ledger) and desk changes through the HTTP API. Every report's expected figures follow
/// from the list below by hand.
/// </summary>
internal static class ReportDay
{
    public static readonly DateOnly First = new(2026, 11, 24);
    public static readonly DateOnly Second = new(2026, 11, 25);

    public static readonly byte[] Adult = [0x04, 0x10, 0x20, 0x30, 0x40, 0x50, 0x60];
    public static readonly byte[] Senior = [0x0A, 0x0B, 0x0C, 0x0D];
    public const string DeskCard = "04AABBCCDDEEFF";
    public const uint QrAccount = 4_000_000_000;

    public static DateTimeOffset At(DateOnly day, int hour, int minute, int second = 0) =>
        new(day.ToDateTime(new TimeOnly(hour, minute, second)), TimeSpan.Zero);

    /// <summary>
    /// Terminal 8: an adult paying 2.50 and riding capped at 08:xx on route 7; a senior whose first write was
    /// abandoned and re-tapped at 17:xx on route 9 (1.20 each); a QR ride of 1.80 at 07:30 the next day on route 9;
    /// a terminal top-up of 20.00 on route 7; a refusal; and an adult ride the second before the first day.
    /// </summary>
    public static async Task StoreRecordsAsync(TestDatabase database)
    {
        await using var store = database.Store().CreateTransactionStore();
        await store.StoreGroupAsync([Batch()]);
    }

    /// <summary>The records of <see cref="StoreRecordsAsync"/> as terminal 8's batch, for a store of the caller's own.</summary>
    public static BatchToStore Batch()
    {
        TxRecord Card(TxKind kind, uint sequence, DateTimeOffset at, byte[] uid, int amount, int route, CardType concession)
        {
            var record = new TxRecord
            {
                Kind = kind, Sequence = sequence, Timestamp = (uint)at.ToUnixTimeSeconds(), Amount = amount, BalanceAfter = 1000,
                CardCounter = (int)sequence, Route = route, Concession = (int)concession,
            };
            Assert.True(record.SetCard(uid, 0, uid.Length));
            return record;
        }

        var qr = new TxRecord { Kind = TxKind.QrAccepted, Sequence = 6, Timestamp = (uint)At(Second, 7, 30).ToUnixTimeSeconds(), Amount = 180, Route = 9 };
        qr.SetQr(QrAccount, 0xA000_0000_0000_0006UL);
        var refusal = Card(TxKind.Refusal, 8, At(Second, 9, 5), Senior, 0, 9, CardType.Senior);
        refusal.Reason = (int)RefusalCode.Blacklisted;
        return LedgerRecords.Batch(8,
            Card(TxKind.CardTapAccepted, 1, At(First, 8, 15), Adult, 250, 7, CardType.Adult),
            Card(TxKind.CardTapAccepted, 2, At(First, 8, 40), Adult, 0, 7, CardType.Adult),
            Card(TxKind.CardTapAccepted, 3, At(First, 17, 5), Senior, 120, 9, CardType.Senior),
            Card(TxKind.CardWriteAbandoned, 4, At(First, 17, 6), Senior, 120, 9, CardType.Senior),
            Card(TxKind.CardTapAccepted, 5, At(First, 17, 7), Senior, 120, 9, CardType.Senior),
            qr,
            Card(TxKind.TopUp, 7, At(Second, 9, 0), Adult, 2000, 7, CardType.Adult),
            refusal,
            Card(TxKind.CardTapAccepted, 9, At(First, 0, 0).AddSeconds(-1), Adult, 250, 7, CardType.Adult));
    }

    /// <summary>
    /// At the desk on the second day (the host's clock): a card issued with 15.00 cash and loaded with 5.00 by
    /// payment, adjusted up by 1.00, then refunded (21.00 paid out).
    /// </summary>
    public static async Task DeskAsync(HttpClient client)
    {
        (await client.PostAsync("/api/cards", DeskRequests.Card(DeskCard, firstLoad: 1500), DeskRequests.NewKey())).EnsureSuccessStatusCode();
        (await client.PostAsync($"/api/cards/{DeskCard}/loads", new { amount = 500, paidBy = "payment" }, DeskRequests.NewKey())).EnsureSuccessStatusCode();
        (await client.PostAsync("/api/ledger/adjustments", new { account = $"card:{DeskCard}", amount = 100, reason = "fare charged twice" }, DeskRequests.NewKey()))
            .EnsureSuccessStatusCode();
        (await client.PostAsync($"/api/cards/{DeskCard}/refund", new { reason = "passenger moved away" }, DeskRequests.NewKey())).EnsureSuccessStatusCode();
    }
}
