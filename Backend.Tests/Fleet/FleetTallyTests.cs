using Terminal.Emulator.Fleet;
using Terminal.Firmware.Journal;
using Xunit;

namespace Backend.Tests.Fleet;

/// <summary>The tally notices each way a record can go wrong between a journal and the database.</summary>
public sealed class FleetTallyTests
{
    private static readonly IReadOnlyDictionary<uint, IReadOnlyDictionary<uint, byte[]>> Journaled = new Dictionary<uint, IReadOnlyDictionary<uint, byte[]>>
    {
        [1] = new Dictionary<uint, byte[]> { [1] = Record(1, 11), [2] = Record(2, 12), [4] = Record(4, 14) },
        [2] = new Dictionary<uint, byte[]> { [1] = Record(1, 21) },
    };

    [Fact]
    public void EveryRecordStoredOnceIsExact()
    {
        var tally = FleetTally.Compare(Journaled, [Row(1, 1, 11), Row(1, 2, 12), Row(1, 4, 14), Row(2, 1, 21)]);
        Assert.Equal(new FleetTally(4, 4, 0, 0, 0, 0), tally);
        Assert.True(tally.IsExact);
    }

    [Fact]
    public void TwoTerminalsJournalingTheSameBytesAreNotDuplicates()
    {
        var journaled = new Dictionary<uint, IReadOnlyDictionary<uint, byte[]>>
        {
            [1] = new Dictionary<uint, byte[]> { [1] = Record(1, 7) },
            [2] = new Dictionary<uint, byte[]> { [1] = Record(1, 7) },
        };
        Assert.True(FleetTally.Compare(journaled, [Row(1, 1, 7), Row(2, 1, 7)]).IsExact);
    }

    [Fact]
    public void AMissingRecordIsLost()
    {
        var tally = FleetTally.Compare(Journaled, [Row(1, 1, 11), Row(1, 4, 14), Row(2, 1, 21)]);
        Assert.Equal(1, tally.Lost);
        Assert.False(tally.IsExact);
    }

    [Fact]
    public void ARecordStoredTwiceUnderOneKeyIsDuplicated()
    {
        var tally = FleetTally.Compare(Journaled, [Row(1, 1, 11), Row(1, 2, 12), Row(1, 2, 12), Row(1, 4, 14), Row(2, 1, 21)]);
        Assert.Equal((0, 1, 0, 0), (tally.Lost, tally.Duplicated, tally.Mismatched, tally.Unexpected));
    }

    [Fact]
    public void ARecordStoredAgainUnderAnotherKeyIsDuplicatedThoughEveryKeyIsUnique()
    {
        var tally = FleetTally.Compare(Journaled, [Row(1, 1, 11), Row(1, 2, 12), Row(1, 4, 14), Row(2, 1, 21), new StoredRecord(1, 3, Record(2, 12))]);
        Assert.Equal((0, 1, 0, 0), (tally.Lost, tally.Duplicated, tally.Mismatched, tally.Unexpected));
        Assert.False(tally.IsExact);
    }

    [Fact]
    public void ARecordWithOtherBytesIsMismatchedAndOneNeverJournaledIsUnexpected()
    {
        var tally = FleetTally.Compare(Journaled, [Row(1, 1, 11), Row(1, 2, 99), Row(1, 3, 13), Row(1, 4, 14), Row(2, 1, 21), Row(3, 1, 31)]);
        Assert.Equal((0, 0, 1, 2), (tally.Lost, tally.Duplicated, tally.Mismatched, tally.Unexpected));
    }

    private static StoredRecord Row(uint terminal, uint sequence, uint tag) => new(terminal, sequence, Record(sequence, tag));

    /// <summary>A terminal event numbered <paramref name="sequence"/> whose value <paramref name="tag"/> tells records apart.</summary>
    private static byte[] Record(uint sequence, uint tag)
    {
        var bytes = new byte[TxRecordCodec.Size];
        var record = new TxRecord { Kind = TxKind.TerminalEvent, Sequence = sequence, Timestamp = 1_767_225_600u, EventCode = 1, EventValue = tag, Route = 1 };
        Assert.Equal(RecordStatus.Ok, TxRecordCodec.Encode(record, bytes, 0));
        return bytes;
    }
}
