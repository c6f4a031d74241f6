using Terminal.Drivers.Mifare;
using Terminal.Drivers.Reader;
using Terminal.Simulation.Rf;
using Terminal.Tests.Iso14443;
using Xunit;
using static Terminal.Tests.Mifare.ClassicCards;
using SimCards = Terminal.Simulation.Cards;

namespace Terminal.Tests.Mifare;

/// <summary>
/// The card leaves at every exchange of every operation, before the frame or after carrying it out:
/// the operation ends with a clean status, the card holds its old or its new memory, never a mix,
/// and the reader finds the card again when it comes back.
/// </summary>
public sealed class CardRemovalSweepTests
{
    /// <summary>Statuses a departing card may cause; anything else means the layers misread the silence.</summary>
    private static readonly ReaderStatus[] Clean = [ReaderStatus.Ok, ReaderStatus.CardGone, ReaderStatus.Timeout, ReaderStatus.AuthFailed];

    /// <summary>Each operation with the exchanges it takes (MFAuthent counts two; value operations and WRITE two plus TRANSFER's one).</summary>
    public static TheoryData<string, int, FieldFaultKind> Operations()
    {
        var data = new TheoryData<string, int, FieldFaultKind>();
        var operations = new[] { ("read", 1), ("write", 2), ("decrement", 3), ("increment", 3), ("restore", 3), ("tap", 10) };
        foreach (var (operation, exchanges) in operations)
        {
            data.Add(operation, exchanges, FieldFaultKind.RemoveBefore);
            data.Add(operation, exchanges, FieldFaultKind.TearAfterReceive);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Operations))]
    public void LeavesOldOrNewMemoryAndACleanStatus(string operation, int expectedExchanges, FieldFaultKind kind)
    {
        var (before, after, exchanges) = Reference(operation);
        Assert.Equal(expectedExchanges, exchanges);
        for (var n = 0; n < exchanges; n++)
        {
            var card = Purse();
            var stack = Prepare(card, operation);
            ActivationEndToEndTests.Plan(stack.Field, kind, stack.Exchanges + n, card);
            var status = Run(stack, operation);

            Assert.Contains(status, Clean);
            var memory = card.Snapshot();
            var unchanged = memory.SequenceEqual(before);
            var changed = memory.SequenceEqual(after);
            Assert.True(unchanged || changed, $"{operation}: mixed memory after leaving at exchange {n}");
            if (status == ReaderStatus.Ok)
            {
                Assert.True(changed || before.SequenceEqual(after), $"{operation}: Ok at exchange {n} but the change is missing");
            }

            stack.Field.Enter(card);
            stack.DetectOk();
            Assert.Equal(Uid4, stack.SelectedUid);
        }
    }

    /// <summary>The card's memory before and after a fault-free run, and how many exchanges the operation takes.</summary>
    private static (byte[] Before, byte[] After, int Exchanges) Reference(string operation)
    {
        var card = Purse();
        var before = card.Snapshot();
        var stack = Prepare(card, operation);
        var start = stack.Exchanges;
        Assert.Equal(ReaderStatus.Ok, Run(stack, operation));
        return (before, card.Snapshot(), (int)(stack.Exchanges - start));
    }

    /// <summary>Everything but a whole tap starts on a selected card authenticated with the key the operation needs.</summary>
    private static ReaderStack Prepare(SimCards.MifareClassicCard card, string operation)
    {
        if (operation == "tap")
        {
            return new ReaderStack(card);
        }

        var key = operation is "write" or "increment" ? MifareKeyType.B : MifareKeyType.A;
        return MifareClassicEndToEndTests.Authenticated(card, key);
    }

    private static ReaderStatus Run(ReaderStack stack, string operation)
    {
        var classic = stack.Classic;
        var buffer = new byte[16];
        return operation switch
        {
            "read" => classic.ReadBlock(DataBlock, buffer, 0),
            "write" => classic.WriteBlock(DataBlock, Enumerable.Repeat((byte)0x5A, 16).ToArray(), 0),
            "decrement" => Then(classic.Decrement(PurseBlock, 30), () => classic.Transfer(PurseBlock)),
            "increment" => Then(classic.Increment(PurseBlock, 20), () => classic.Transfer(PurseBlock)),
            "restore" => Then(classic.Restore(PurseBlock), () => classic.Transfer(BackupBlock)),
            _ => Tap(stack, buffer),
        };
    }

    /// <summary>A fare tap: detect, authenticate, read the purse, debit it, commit, halt.</summary>
    private static ReaderStatus Tap(ReaderStack stack, byte[] buffer)
    {
        var status = stack.Detect();
        status = Then(status, () => stack.Classic.Authenticate(MifareKeyType.A, PurseBlock, KeyA, 0, stack.Card.Uid));
        status = Then(status, () => stack.Classic.ReadBlock(PurseBlock, buffer, 0));
        status = Then(status, () => stack.Classic.Decrement(PurseBlock, 30));
        status = Then(status, () => stack.Classic.Transfer(PurseBlock));
        return Then(status, stack.Reader.HaltA);
    }

    private static ReaderStatus Then(ReaderStatus status, Func<ReaderStatus> next) => status == ReaderStatus.Ok ? next() : status;
}
