using Terminal.Emulator.Fleet;
using Xunit;

namespace Backend.Tests.Fleet;

/// <summary>The tally notices each way a record can go wrong between a journal and the database.</summary>
public sealed class FleetTallyTests
{
    private static readonly IReadOnlyDictionary<uint, IReadOnlyDictionary<uint, byte[]>> Journaled = new Dictionary<uint, IReadOnlyDictionary<uint, byte[]>>
    {
        [1] = new Dictionary<uint, byte[]> { [1] = [1, 1], [2] = [1, 2], [4] = [1, 4] },
        [2] = new Dictionary<uint, byte[]> { [1] = [2, 1] },
    };

    [Fact]
    public void EveryRecordStoredOnceIsExact()
    {
        var tally = FleetTally.Compare(Journaled, [new(1, 1, [1, 1]), new(1, 2, [1, 2]), new(1, 4, [1, 4]), new(2, 1, [2, 1])]);
        Assert.Equal(new FleetTally(4, 4, 0, 0, 0, 0), tally);
        Assert.True(tally.IsExact);
    }

    [Fact]
    public void AMissingRecordIsLost()
    {
        var tally = FleetTally.Compare(Journaled, [new(1, 1, [1, 1]), new(1, 4, [1, 4]), new(2, 1, [2, 1])]);
        Assert.Equal(1, tally.Lost);
        Assert.False(tally.IsExact);
    }

    [Fact]
    public void ARecordStoredTwiceIsDuplicated()
    {
        var tally = FleetTally.Compare(Journaled, [new(1, 1, [1, 1]), new(1, 2, [1, 2]), new(1, 2, [1, 2]), new(1, 4, [1, 4]), new(2, 1, [2, 1])]);
        Assert.Equal((0, 1, 0, 0), (tally.Lost, tally.Duplicated, tally.Mismatched, tally.Unexpected));
    }

    [Fact]
    public void ARecordStoredAgainUnderAnotherKeyIsDuplicatedThoughEveryKeyIsUnique()
    {
        var tally = FleetTally.Compare(Journaled, [new(1, 1, [1, 1]), new(1, 2, [1, 2]), new(1, 4, [1, 4]), new(2, 1, [2, 1]), new(2, 2, [1, 2])]);
        Assert.Equal((0, 1, 0, 0), (tally.Lost, tally.Duplicated, tally.Mismatched, tally.Unexpected));
        Assert.False(tally.IsExact);
    }

    [Fact]
    public void ARecordWithOtherBytesIsMismatchedAndOneNeverJournaledIsUnexpected()
    {
        var tally = FleetTally.Compare(Journaled, [new(1, 1, [1, 1]), new(1, 2, [9, 9]), new(1, 3, [1, 3]), new(1, 4, [1, 4]), new(2, 1, [2, 1]), new(3, 1, [3, 1])]);
        Assert.Equal((0, 0, 1, 2), (tally.Lost, tally.Duplicated, tally.Mismatched, tally.Unexpected));
    }
}
