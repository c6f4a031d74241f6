using Backend.Ingest.Storage;
using Backend.Tests.Api;
using Backend.Tests.Storage;
using Terminal.Firmware.Journal;
using Xunit;

namespace Backend.Tests.Reconciliation;

/// <summary>
/// Real journal records of the scenarios: encoded by the firmware's codec into sealed batches, stored through the
/// ingest store's group commit, which posts each record's ledger transfer (tap and QR charges, abandoned writes) in
/// its own transaction; and the registry rows and desk transfers the other parts of the backend write, written with
/// SQL exactly as schema 0002 defines them.
/// </summary>
internal sealed class Journals(TestDatabase database) : IAsyncDisposable
{
    /// <summary>2026-03-02T08:00:00Z, a Monday: the scenarios' morning.</summary>
    public static readonly DateTimeOffset Morning = new(2026, 3, 2, 8, 0, 0, TimeSpan.Zero);

    private readonly ITransactionStore _store = (database.Kind == "sqlite"
        ? StoreDatabase.Sqlite(database.Configuration["Backend:Store:Sqlite"]!)
        : StoreDatabase.Postgres(database.ConnectionString)).CreateTransactionStore();

    private int _keys;

    public static byte[] Uid(int n) => [0x04, 0x5A, 0x11, 0x22, 0x33, (byte)(n >> 8), (byte)n];

    public static string Hex(byte[] uid) => Convert.ToHexString(uid);

    public static TxRecord Tap(uint sequence, DateTimeOffset at, byte[] uid, int counter, int amount, int balanceAfter, int route = 7) =>
        Card(TxKind.CardTapAccepted, sequence, at, uid, counter, amount, balanceAfter, route);

    public static TxRecord Card(TxKind kind, uint sequence, DateTimeOffset at, byte[] uid, int counter, int amount, int balanceAfter, int route = 7)
    {
        var record = new TxRecord
        {
            Kind = kind, Sequence = sequence, Timestamp = (uint)at.ToUnixTimeSeconds(), Amount = amount, BalanceAfter = balanceAfter,
            CardCounter = counter, Route = route,
        };
        Assert.True(record.SetCard(uid, 0, uid.Length));
        return record;
    }

    public static TxRecord Qr(uint sequence, DateTimeOffset at, uint account, ulong token, int amount)
    {
        var record = new TxRecord { Kind = TxKind.QrAccepted, Sequence = sequence, Timestamp = (uint)at.ToUnixTimeSeconds(), Amount = amount, Route = 3 };
        record.SetQr(account, token);
        return record;
    }

    /// <summary>One batch of <paramref name="terminal"/>, through the real group commit; returns how many records were new.</summary>
    public async Task<int> UploadAsync(uint terminal, params TxRecord[] records)
    {
        var payload = Batches.Sealed(terminal, records);
        var header = new BatchHeader();
        Assert.Equal(WireStatus.Ok, BatchCodec.Decode(payload, 0, payload.Length, header));
        var stored = await _store.StoreGroupAsync([BatchToStore.From(header, payload, 0)]);
        return stored[0].Inserted;
    }

    /// <summary>The desk's issue or load: clearing:cash to card:{UID}, sourced by a request key.</summary>
    public Task LoadAsync(byte[] uid, long amount, DateTimeOffset at, string kind = "load") => Transfer(kind, "clearing:cash", $"card:{Hex(uid)}", amount, at);

    public Task TransferAsync(string kind, string debit, string credit, long amount, DateTimeOffset at) => Transfer(kind, debit, credit, amount, at);

    public Task RegisterCardAsync(byte[] uid, DateTimeOffset at, string status = "active") => database.ExecuteSqlAsync("""
        insert into cards (uid, card_type, key_version, expiry_day, status, account_id, issued_at, issued_by, status_changed_at, status_reason)
        values (@uid, 0, 1, 21000, @status, null, @at, 'desk 1', @at, null)
        """, ("uid", Hex(uid)), ("status", status), ("at", at.ToUnixTimeMilliseconds()));

    public Task RegisterAccountAsync(uint account, DateTimeOffset at) => database.ExecuteSqlAsync("""
        insert into accounts (account_id, status, created_at, status_changed_at) values (@id, 'active', @at, @at)
        """, ("id", (long)account), ("at", at.ToUnixTimeMilliseconds()));

    public ValueTask DisposeAsync() => _store.DisposeAsync();

    private Task Transfer(string kind, string debit, string credit, long amount, DateTimeOffset at) => database.ExecuteSqlAsync("""
        insert into ledger_transfers (kind, debit_account, credit_account, amount, source_key, leg, occurred_at, posted_at)
        values (@kind, @debit, @credit, @amount, @key, 0, @at, @at)
        """, ("kind", kind), ("debit", debit), ("credit", credit), ("amount", amount), ("key", $"test-{Guid.NewGuid():N}-{++_keys}"),
        ("at", at.ToUnixTimeMilliseconds()));
}
