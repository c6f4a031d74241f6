using Backend.Ingest.Ledger;
using Backend.Tests.Api;
using Backend.Tests.Storage;
using Microsoft.Extensions.DependencyInjection;
using Terminal.Emulator.Backoffice;
using Terminal.Firmware.Fares;
using Terminal.Firmware.Journal;
using Xunit;

namespace Backend.Tests.Ledger;

/// <summary>QR rides settled against the daily cap of the fare table, once, whatever the order the rides arrive in.</summary>
public sealed class QrCapSettlementTests
{
    private const uint Account = 3_000_000_001;

    /// <summary>04:00 UTC on 2026-01-01: the demo table's service day starts at 03:00, so the rides below share one day.</summary>
    private const uint Morning = Batches.Timestamp + 4 * 3600;

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task WhatADaysQrChargesExceedTheCapIsRefundedOnceAndALaterRideTopsTheRefundUp(string kind)
    {
        await using var database = await TestDatabase.CreateAsync(kind);
        var settlement = new QrCapSettlement(database.DataSource, TimeProvider.System);
        var fares = DemoFares();
        await using var store = database.Store().CreateTransactionStore();

        await store.StoreGroupAsync([LedgerRecords.Batch(1, Ride(1, 0, 250), Ride(2, 1, 250), Ride(3, 2, 250), Ride(4, 3, 250), Ride(5, 26, 250))]);
        Assert.Equal(1000 - 700, await settlement.SettleAsync(fares, 0, default));
        Assert.Equal(0, await settlement.SettleAsync(fares, 0, default));

        await store.StoreGroupAsync([LedgerRecords.Batch(1, Ride(1, 0, 250), Ride(6, 4, 400))]);
        Assert.Equal(400, await settlement.SettleAsync(fares, 0, default));
        Assert.Equal(0, await settlement.SettleAsync(fares, 0, default));

        var transfers = await LedgerBook.TransfersAsync(() => database.DataSource.CreateConnection());
        var refunds = transfers.Where(t => t.Kind == QrCapSettlement.CapRefund).ToArray();
        Assert.Equal([(300L, 0), (400L, 1)], refunds.Select(t => (t.Amount, t.Leg)));
        Assert.All(refunds, t => Assert.Equal(("revenue:fares", "account:" + Account), (t.Debit, t.Credit)));
        Assert.Single(refunds.Select(t => t.SourceKey).Distinct());
        Assert.Equal(-(700 + 250), LedgerBook.Balances(transfers)["account:" + Account]);
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task RidesArrivingInAnyOrderAndAgainAreRefundedTheSameAndAChildRidesToItsOwnCap(string kind)
    {
        await using var database = await TestDatabase.CreateAsync(kind);
        var settlement = new QrCapSettlement(database.DataSource, TimeProvider.System);
        var fares = DemoFares();
        await using var store = database.Store().CreateTransactionStore();
        TxRecord[] rides = [Ride(1, 0, 250), Ride(2, 1, 250), Ride(3, 2, 250), Ride(4, 3, 250)];

        await store.StoreGroupAsync([LedgerRecords.Batch(7, rides[2], rides[3])]);
        await settlement.SettleAsync(fares, 0, default);
        await store.StoreGroupAsync([LedgerRecords.Batch(8, ChildRide(1, 0, 200), ChildRide(2, 1, 200))]);
        await store.StoreGroupAsync([LedgerRecords.Batch(7, rides), LedgerRecords.Batch(7, rides[0], rides[1])]);
        await Task.WhenAll(settlement.SettleAsync(fares, 0, default), settlement.SettleAsync(fares, 0, default));
        await settlement.SettleAsync(fares, 0, default);

        var transfers = await LedgerBook.TransfersAsync(() => database.DataSource.CreateConnection());
        var refunds = transfers.Where(t => t.Kind == QrCapSettlement.CapRefund).GroupBy(t => t.Credit).ToDictionary(g => g.Key, g => g.Sum(t => t.Amount));
        Assert.Equal(new Dictionary<string, long> { ["account:" + Account] = 1000 - 700, ["account:42"] = 400 - 350 }, refunds);
        Assert.Equal(0, LedgerBook.Balances(transfers).Values.Sum());
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task TheBackendSettlesOnItsOwnAgainstTheFareTableOfItsDownlinkCatalog(string kind)
    {
        await using var database = await TestDatabase.CreateAsync(kind);
        var signer = new Backend.Ingest.Downlink.DownlinkSigner(1, System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));
        var catalog = new Backend.Ingest.Downlink.DownlinkCatalog(database.DataSource, new Backend.Ingest.Changes.ChangeRunner(database.DataSource, TimeProvider.System), signer);
        await catalog.SetFareTableAsync(DemoFareTable.Builder(signer.KeyId, Batches.Timestamp - 86_400).Build(data => signer.Signature(data)), "test");
        await using var host = await ApiHost.StartAsync(database, DateTimeOffset.UtcNow,
            new Dictionary<string, string?> { ["Backend:Ledger:SettleSeconds"] = "1" },
            services => services.AddSingleton(catalog));
        await using (var store = database.Store().CreateTransactionStore())
        {
            await store.StoreGroupAsync([LedgerRecords.Batch(1, Ride(1, 0, 400), Ride(2, 1, 400))]);
        }

        await Backend.Tests.Ingest.Eventually.TrueAsync(async () =>
            (await LedgerBook.TransfersAsync(() => database.DataSource.CreateConnection())).Any(t => t.Kind == QrCapSettlement.CapRefund),
            "the settlement should refund what passed the cap");
        var refund = (await LedgerBook.TransfersAsync(() => database.DataSource.CreateConnection())).Single(t => t.Kind == QrCapSettlement.CapRefund);
        Assert.Equal(800 - 700, refund.Amount);
    }

    private static TxRecord Ride(uint sequence, int hour, int amount)
    {
        var ride = LedgerRecords.Qr(sequence, Account, amount);
        ride.Timestamp = Morning + (uint)hour * 3600;
        return ride;
    }

    private static TxRecord ChildRide(uint sequence, int hour, int amount)
    {
        var ride = LedgerRecords.Qr(sequence, 42, amount);
        ride.Timestamp = Morning + (uint)hour * 3600;
        ride.Concession = (int)CardType.Child;
        return ride;
    }

    /// <summary>The demo fare table (adult cap 7.00, child 3.50), signed and parsed as a terminal parses it.</summary>
    private static FareTable DemoFares()
    {
        var signed = DemoFareTable.Builder(1, Batches.Timestamp - 86_400).Build(new BackendSigningKey(1).Sign);
        var table = new FareTable();
        Assert.Equal(FareTableStatus.Loaded, FareTableParser.Parse(signed, 0, signed.Length, table));
        return table;
    }
}
