using Terminal.Emulator.Fleet;
using Terminal.Firmware.Journal;
using Xunit;

namespace Backend.Tests.Fleet;

/// <summary>A small fleet on the real backend over a compressed day with every kind of fault ends with each journaled record stored exactly once.</summary>
public sealed class FleetTests
{
    [Fact]
    public async Task EveryJournaledRecordIsStoredOnceAcrossACutABrokerRestartAndAPowerCycle()
    {
        await using var backend = await BackendHost.StartAsync(postgres: null);
        Assert.True(FleetSchedule.TryParse("1:cut 2; 2:restart-broker; 3.5:restore 2; 4:power 3; 4.5:power 2", 3, out var schedule, out var error), error);
        var output = new StringWriter();
        using var fleet = new Terminal.Emulator.Fleet.Fleet(
            new FleetOptions { Buses = 3, BoardingsPerBus = 60, RunTime = TimeSpan.FromSeconds(6), Schedule = schedule, ReportEvery = TimeSpan.Zero, DrainTimeout = TimeSpan.FromSeconds(60) },
            await backend.ForFleetAsync([1, 2, 3]), output);

        var report = await fleet.RunAsync();
        var tally = report.Tally;

        Assert.True(tally.IsExact, output.ToString());
        Assert.True(report.Books.Balanced, output.ToString());
        Assert.True(report.Books.CardsChecked > 0);
        Assert.Empty(fleet.Failures);
        Assert.True(tally.Journaled >= 3 * 60 * 3 / 4, output.ToString());
        Assert.All(fleet.Buses, bus => Assert.True(bus.Ledger.Count > 0));
        Assert.Equal(tally.Journaled, tally.Stored);
        Assert.Contains("broker: running again", output.ToString());
        Assert.Equal([0, 1, 1], fleet.Buses.Select(b => b.PowerCycles));
        Assert.Contains("bus 2: network cut", output.ToString());
        Assert.Contains("bus 2: network restored", output.ToString());
        Assert.True(fleet.Buses.All(b => b.Sync.ConnectAttempts >= 1));
    }

    [Fact]
    public async Task EveryBusTakesTheBackendsFareTableAndBlacklistOverTheSignedDownlink()
    {
        await using var backend = await BackendHost.StartAsync(postgres: null);
        using var fleet = new Terminal.Emulator.Fleet.Fleet(
            new FleetOptions { Buses = 2, BoardingsPerBus = 20, RunTime = TimeSpan.FromSeconds(4), ReportEvery = TimeSpan.Zero, DrainTimeout = TimeSpan.FromSeconds(60) },
            await backend.ForFleetAsync([1, 2]), new StringWriter());

        var report = await fleet.RunAsync();

        Assert.True(report.Tally.IsExact);
        Assert.All(fleet.Buses, bus =>
        {
            Assert.Equal(BackendHost.DownlinkFareTableVersion, bus.Bus.Terminal.Fares.Current!.Version);
            Assert.Equal(1u, bus.Bus.Terminal.Blacklist.Version);
        });
    }

    [Fact]
    public async Task ACardClonedDuringTheDayIsCaughtBlockedAndRefusedByEveryBusWhileTheBooksBalance()
    {
        await using var backend = await BackendHost.StartAsync(postgres: null);
        var output = new StringWriter();
        using var fleet = new Terminal.Emulator.Fleet.Fleet(
            new FleetOptions { Buses = 4, BoardingsPerBus = 40, RunTime = TimeSpan.FromSeconds(12), Schedule = [], ReportEvery = TimeSpan.Zero, DrainTimeout = TimeSpan.FromSeconds(60) },
            await backend.ForFleetAsync([1, 2, 3, 4]), output);

        var report = await fleet.RunAsync();

        Assert.True(report.IsClean, output.ToString());
        Assert.True(fleet.Cloning.Detected, output.ToString());
        Assert.Equal(4, fleet.Cloning.RefusedBy);
        Assert.Equal((0L, 0, 0), (report.Books.LedgerImbalance, report.Books.CardsOffLedger, report.Books.EntriesPostedTwice));
        Assert.Contains($"clone: a copy of card {fleet.Cloning.CardUid} tapped on bus 4: Accepted", output.ToString());
        using var json = System.Text.Json.JsonDocument.Parse(report.ToJson());
        Assert.Equal(1, json.RootElement.GetProperty("clonesDetected").GetInt32());
        Assert.Equal(4, json.RootElement.GetProperty("clonesRefusedFleetWide").GetInt32());
        Assert.Equal(report.Tally.Journaled, json.RootElement.GetProperty("recordsStored").GetInt32());
    }

    [Fact]
    public async Task CardTopUpsPaidOnlineDuringTheDayAreTakenOnceOnAnotherBusAndTheRevenueMatchesTheLedger()
    {
        await using var backend = await BackendHost.StartAsync(postgres: null);
        var fleetBackend = await backend.ForFleetAsync([1, 2, 3]);
        var output = new StringWriter();
        using var fleet = new Terminal.Emulator.Fleet.Fleet(
            new FleetOptions { Buses = 3, BoardingsPerBus = 80, RunTime = TimeSpan.FromSeconds(10), Schedule = [], ReportEvery = TimeSpan.Zero, DrainTimeout = TimeSpan.FromSeconds(60) },
            fleetBackend, output);

        var report = await fleet.RunAsync();

        Assert.True(report.IsClean, output.ToString());
        Assert.Equal(TopUpScenario.PassengerCount, fleet.TopUps.Outcomes.Count);
        var stored = await backend.ReadStoredAsync(CancellationToken.None);
        foreach (var outcome in fleet.TopUps.Outcomes)
        {
            var passenger = outcome.Passenger;
            Assert.NotEqual(passenger.FirstBus, passenger.NextBus);
            Assert.Equal(Terminal.Firmware.Tap.TapOutcome.Accepted, outcome.Tap);
            Assert.Equal($"Top-up {Backend.Ingest.Api.MinorUnits.Format(passenger.Amount)}", outcome.Display.Split(" | ")[0]);
            Assert.StartsWith("Balance ", outcome.Display.Split(" | ")[1]);
            var ofCard = stored.Select(r => (r.TerminalId, Record: Decoded(r.Record))).Where(r => r.Record.Uid == passenger.CardUid).OrderBy(r => r.Record.Timestamp).ToList();
            var load = Assert.Single(ofCard, r => r.Record.Kind == TxKind.LoadApplied);
            Assert.Equal((passenger.NextBus.TerminalId, passenger.Amount, outcome.LoadNumber), (load.TerminalId, (long)load.Record.Amount, load.Record.LoadNumber));
            var before = ofCard.Last(r => r.Record.Kind == TxKind.CardTapAccepted && r.Record.Timestamp <= load.Record.Timestamp && r.TerminalId != load.TerminalId);
            Assert.Equal(passenger.FirstBus.TerminalId, before.TerminalId);
        }

        var topUps = report.TopUps;
        Assert.Equal((3, 3, 0, 0), (topUps.TopUpsPaid, topUps.LoadsApplied, topUps.LoadsPending, topUps.Refunds));
        Assert.Equal((0, 0, 0), (topUps.LoadsAppliedTwice, topUps.LoadsOffCard, topUps.PaymentsUnmatched));
        Assert.Equal(3, topUps.WebhookCredits);
        Assert.True(topUps.WebhookDeliveries >= 2 * topUps.WebhookCredits, output.ToString());
        Assert.Contains("top-up: passenger 1 pays", output.ToString());

        Assert.Equal(0, report.Revenue.Differs);
        Assert.True(report.Revenue.QrFares > 0 && report.Revenue.CardFares > 0, output.ToString());
        Assert.Equal(report.Revenue.Expected, report.Revenue.Ledger);
        Assert.True(fleet.QrTokensRefused == 0, output.ToString());
        var qrRides = stored.Select(r => Decoded(r.Record)).Where(r => r.Kind == TxKind.QrAccepted).ToList();
        Assert.NotEmpty(qrRides);
        foreach (var account in qrRides.Select(r => r.Account).Distinct())
        {
            Assert.Equal("active", (await fleetBackend.BackOffice.AccountAsync(account, CancellationToken.None)).Account.Status);
        }

        using var json = System.Text.Json.JsonDocument.Parse(report.ToJson());
        var line = json.RootElement;
        Assert.Equal((3, 3, 0, 0, 0), (line.GetProperty("topUpsPaid").GetInt32(), line.GetProperty("loadsApplied").GetInt32(), line.GetProperty("loadsPending").GetInt32(),
            line.GetProperty("loadsAppliedTwice").GetInt32(), line.GetProperty("paymentsUnmatched").GetInt32()));
        Assert.Equal(topUps.WebhookDeliveries, line.GetProperty("webhookDeliveries").GetInt64());
        Assert.Equal(3, line.GetProperty("webhookCredits").GetInt64());
        Assert.Equal(report.Revenue.Ledger, line.GetProperty("revenue").GetInt64());
        Assert.Equal(0, line.GetProperty("revenueDiffers").GetInt32());
    }

    [Fact]
    public async Task TheTallyFailsWhenALoadIsAppliedTwiceOrAPaymentIsUnmatchedInTheStoredData()
    {
        await using var backend = await BackendHost.StartAsync(postgres: null);
        var output = new StringWriter();
        using var fleet = new Terminal.Emulator.Fleet.Fleet(
            new FleetOptions { Buses = 2, BoardingsPerBus = 20, RunTime = TimeSpan.FromSeconds(4), Schedule = [], ReportEvery = TimeSpan.Zero, DrainTimeout = TimeSpan.FromSeconds(60) },
            await backend.ForFleetAsync([1, 2]), output);
        var report = await fleet.RunAsync();
        Assert.True(report.IsClean, output.ToString());

        var stored = await backend.ReadStoredAsync(CancellationToken.None);
        var applied = stored.First(r => Decoded(r.Record).Kind == TxKind.LoadApplied);
        await using (var store = backend.OpenStore(readOnly: false))
        {
            await store.OpenAsync();
            await ExecuteAsync(store, "insert into transactions (terminal_id, sequence, kind, recorded_at, amount, card_uid, token_id, account_id, balance_after, route_id, record, received_at) "
                + "select terminal_id, sequence + 100000, kind, recorded_at, amount, card_uid, token_id, account_id, balance_after, route_id, record, received_at from transactions "
                + $"where terminal_id = {applied.TerminalId} and sequence = {applied.Sequence}");
        }

        var twice = await fleet.VerifyTopUpsAsync();
        Assert.Equal(1, twice.LoadsAppliedTwice);
        Assert.False(twice.IsExact);
        Assert.False((report with { TopUps = twice }).IsClean);

        await using (var store = backend.OpenStore(readOnly: false))
        {
            await store.OpenAsync();
            await ExecuteAsync(store, "insert into payments (payment_id, provider, target, card_uid, amount, currency, status, created_at, created_by, paid_at) "
                + $"values ('pay_injected', 'sandbox', 'card', '{fleet.TopUps.Passengers[0].CardUid}', 1000, 'EUR', 'paid', 0, 'passenger', 0)");
        }

        var unmatched = await fleet.VerifyTopUpsAsync();
        Assert.Equal((1, 1), (unmatched.LoadsAppliedTwice, unmatched.PaymentsUnmatched));
        Assert.NotEqual(unmatched.TopUpsPaid, unmatched.LoadsApplied + unmatched.LoadsPending + unmatched.Refunds);
        var failed = report with { TopUps = unmatched };
        Assert.False(failed.IsClean);
        using var json = System.Text.Json.JsonDocument.Parse(failed.ToJson());
        Assert.Equal(1, json.RootElement.GetProperty("paymentsUnmatched").GetInt32());
        Assert.Equal(1, json.RootElement.GetProperty("loadsAppliedTwice").GetInt32());
    }

    private static (TxKind Kind, string Uid, uint Account, int Amount, int LoadNumber, uint Timestamp) Decoded(byte[] bytes)
    {
        var record = new TxRecord();
        Assert.Equal(RecordStatus.Ok, TxRecordCodec.Decode(bytes, 0, record));
        return (record.Kind, record.UidLength > 0 ? Convert.ToHexString(record.Uid, 0, record.UidLength) : "", record.AccountId, record.Amount, record.LoadNumber, record.Timestamp);
    }

    private static async Task ExecuteAsync(System.Data.Common.DbConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        Assert.Equal(1, await command.ExecuteNonQueryAsync());
    }
}
