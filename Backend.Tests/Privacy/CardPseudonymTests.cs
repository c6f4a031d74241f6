using Backend.Ingest.Identity;
using Backend.Ingest.Privacy;
using Backend.Tests.Api;
using Backend.Tests.Ledger;
using Terminal.Firmware.Journal;
using Xunit;

namespace Backend.Tests.Privacy;

/// <summary>GET /api/transactions shows card UIDs to customer service only; other staff see one stable pseudonym per card, on both stores.</summary>
public sealed class CardPseudonymTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 9, 0, 0, TimeSpan.Zero);

    private static readonly byte[] OtherUid = [0x04, 0x11, 0x22, 0x33, 0x44, 0x55, 0x66];

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task StaffOutsideCustomerServiceSeePseudonymsWhereCustomerServiceSeesCardUids(string kind)
    {
        await using var database = await TestDatabase.CreateAsync(kind);
        await using var host = await ApiHost.StartAsync(database, Now);
        await using (var store = database.Store().CreateTransactionStore())
        {
            await store.StoreGroupAsync([LedgerRecords.Batch(5,
                LedgerRecords.Card(TxKind.CardTapAccepted, 1, 250), LedgerRecords.Card(TxKind.CardTapAccepted, 2, 250, OtherUid),
                LedgerRecords.Card(TxKind.CardTapAccepted, 3, 250))]);
        }

        var desk = await host.ClientAsync("desk-cs", [StaffRoles.CustomerService]);
        var operations = await host.ClientAsync("control-room", [StaffRoles.Operations, StaffRoles.Finance, StaffRoles.Auditor, StaffRoles.Admin]);
        var seenByDesk = await CardUidsAsync(desk);
        var seenByOperations = await CardUidsAsync(operations);

        Assert.Equal([LedgerRecords.CardHex, "04112233445566", LedgerRecords.CardHex], seenByDesk);
        Assert.All(seenByOperations, uid => Assert.StartsWith(CardPseudonyms.Prefix, uid));
        Assert.Equal(seenByOperations[0], seenByOperations[2]);
        Assert.NotEqual(seenByOperations[0], seenByOperations[1]);
        Assert.DoesNotContain(seenByOperations, uid => seenByDesk.Contains(uid));
    }

    private static async Task<List<string?>> CardUidsAsync(HttpClient client)
    {
        var list = await (await client.GetAsync("/api/transactions")).JsonAsync();
        return list.GetProperty("transactions").EnumerateArray()
            .OrderBy(row => row.GetProperty("sequence").GetInt64())
            .Select(row => row.GetProperty("cardUid").GetString()).ToList();
    }
}
