using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Terminal.Simulation.Flash;
using Xunit;

namespace Terminal.Tests.Flash;

/// <summary>The flash model keeps files, counts its work, enforces its capacity and cuts power where it is told.</summary>
public sealed class SimulatedFlashTests
{
    private static readonly byte[] Old = [1, 2, 3];
    private static readonly byte[] New = [9, 8, 7, 6, 5];

    [Fact]
    public void AppendsAndReadsBack()
    {
        var flash = new SimulatedFlash();
        flash.Append("a", [1, 2, 3, 4], 1, 2);
        flash.Append("a", [5], 0, 1);
        var buffer = new byte[8];

        Assert.Equal(3, flash.Read("a", 0, buffer, 1, 8 - 1));
        Assert.Equal(new byte[] { 0, 2, 3, 5, 0 }, buffer[..5]);
        Assert.Equal(1, flash.Read("a", 2, buffer, 0, 4));
        Assert.Equal(3, flash.Length("a"));
        Assert.True(flash.Exists("a"));
    }

    [Fact]
    public void AMissingFileHasLengthMinusOneAndReadsNothing()
    {
        var flash = new SimulatedFlash();

        Assert.False(flash.Exists("none"));
        Assert.Equal(-1, flash.Length("none"));
        Assert.Equal(0, flash.Read("none", 0, new byte[4], 0, 4));
    }

    [Fact]
    public void ReplaceSwapsTheWholeContentAndDeleteRemovesIt()
    {
        var flash = new SimulatedFlash();
        flash.Replace("f", Old, 0, Old.Length);
        flash.Replace("f", New, 0, New.Length);
        Assert.Equal(New, flash.Peek("f"));

        flash.Delete("f");
        Assert.Null(flash.Peek("f"));
        Assert.Equal(0, flash.UsedBytes);
    }

    [Fact]
    public void BadArgumentsAreRefused()
    {
        var flash = new SimulatedFlash();

        Assert.Throws<ArgumentOutOfRangeException>(() => flash.Append("a", new byte[4], 2, 3));
        Assert.Throws<ArgumentOutOfRangeException>(() => flash.Read("a", -1, new byte[4], 0, 1));
        Assert.Throws<ArgumentNullException>(() => flash.Replace("a", null!, 0, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => new SimulatedFlash(0));
    }

    [Property]
    public Property AnAppendCutAtByteKKeepsExactlyTheFirstKBytes(NonEmptyArray<byte> prefix, NonEmptyArray<byte> data, NonNegativeInt cut)
    {
        var bytes = data.Get;
        int k = cut.Get % (bytes.Length + 1);
        var flash = new SimulatedFlash();
        flash.Append("j", prefix.Get, 0, prefix.Get.Length);
        flash.ArmPowerCut(0, k);

        Assert.Throws<PowerCutException>(() => flash.Append("j", bytes, 0, bytes.Length));
        flash.PowerOn();

        return flash.Peek("j")!.SequenceEqual(prefix.Get.Concat(bytes.Take(k))).ToProperty()
            .And(flash.Statistics.BytesWritten == prefix.Get.Length + k);
    }

    [Theory]
    [InlineData(0, true)]
    [InlineData(1, false)]
    public void ADeleteIsCutWholeOrNotAtAll(int cut, bool survives)
    {
        var flash = new SimulatedFlash();
        flash.Replace("m", Old, 0, Old.Length);
        flash.ArmPowerCut(0, cut);

        Assert.Throws<PowerCutException>(() => flash.Delete("m"));
        flash.PowerOn();

        Assert.Equal(survives, flash.Exists("m"));
    }

    [Fact]
    public void TheCutHitsTheNthWriteFromNowAndEarlierWritesComplete()
    {
        var flash = new SimulatedFlash();
        flash.ArmPowerCut(2, 1);
        flash.Append("a", Old, 0, Old.Length);
        flash.Read("a", 0, new byte[3], 0, 3);
        flash.Append("b", Old, 0, Old.Length);

        Assert.Throws<PowerCutException>(() => flash.Append("a", New, 0, New.Length));
        flash.PowerOn();

        Assert.Equal(new byte[] { 1, 2, 3, 9 }, flash.Peek("a"));
        Assert.Equal(Old, flash.Peek("b"));
    }

    [Fact]
    public void ADisarmedCutNeverFires()
    {
        var flash = new SimulatedFlash();
        flash.ArmPowerCut(0, 1);
        flash.DisarmPowerCut();

        flash.Append("a", New, 0, New.Length);

        Assert.False(flash.IsPoweredOff);
        Assert.Equal(New, flash.Peek("a"));
    }

    [Fact]
    public void AfterACutEveryOperationThrowsUntilPowerOn()
    {
        var flash = new SimulatedFlash();
        flash.Append("a", Old, 0, Old.Length);
        flash.ArmPowerCut(0, 0);
        Assert.Throws<PowerCutException>(() => flash.Delete("a"));

        Assert.True(flash.IsPoweredOff);
        Assert.Throws<PowerCutException>(() => flash.Exists("a"));
        Assert.Throws<PowerCutException>(() => flash.Length("a"));
        Assert.Throws<PowerCutException>(() => flash.Read("a", 0, new byte[1], 0, 1));
        Assert.Throws<PowerCutException>(() => flash.Append("a", Old, 0, 1));
        Assert.Throws<PowerCutException>(() => flash.Replace("a", Old, 0, 1));
        Assert.Throws<PowerCutException>(() => flash.Delete("a"));

        flash.PowerOn();
        Assert.False(flash.IsPoweredOff);
        Assert.Equal(Old, flash.Peek("a"));
        flash.Append("a", Old, 0, 1);
        Assert.Equal(4, flash.Length("a"));
    }

    [Fact]
    public void AFullDriveRefusesTheWriteWithAnIOExceptionAndWritesNothing()
    {
        var flash = new SimulatedFlash(capacity: 8);
        flash.Append("a", New, 0, New.Length);

        var error = Assert.Throws<FlashFullException>(() => flash.Append("a", New, 0, 4));
        Assert.IsAssignableFrom<IOException>(error);
        flash.Append("b", Old, 0, Old.Length);
        Assert.Equal(8, flash.UsedBytes);
        Assert.Equal(0, flash.FreeBytes);
        Assert.Throws<FlashFullException>(() => flash.Append("c", Old, 0, 1));
        Assert.Equal(New, flash.Peek("a"));
    }

    [Fact]
    public void AReplaceNeedsRoomForTheNewCopyWhileTheOldOneExists()
    {
        var flash = new SimulatedFlash(capacity: 9);
        flash.Replace("m", New, 0, New.Length);

        Assert.Throws<FlashFullException>(() => flash.Replace("m", New, 0, New.Length));
        flash.Replace("m", Old, 0, Old.Length);
        Assert.Equal(Old, flash.Peek("m"));
    }

    [Fact]
    public void StatisticsCountReadsWritesAndBytes()
    {
        var flash = new SimulatedFlash();
        flash.Append("a", New, 0, New.Length);
        var before = flash.Statistics;
        flash.Read("a", 1, new byte[10], 0, 10);
        flash.Read("a", 0, new byte[2], 0, 2);
        flash.Replace("b", Old, 0, Old.Length);
        flash.Delete("b");
        flash.Exists("a");

        var delta = flash.Statistics - before;
        // A replace of a new file is three writes of the drive (create, rename, rename), and a file's first use
        // looks for a replace to finish (two metadata queries: "b" here, "a" before the snapshot).
        Assert.Equal(new FlashStatistics(Reads: 2, BytesRead: 6, Writes: 4, BytesWritten: 3, MetadataQueries: 5), delta);
    }

    [Fact]
    public void RecordingListsEveryWriteWithItsKindAndSize()
    {
        var flash = new SimulatedFlash();
        flash.Append("before", Old, 0, 1);
        flash.StartRecording();
        flash.Append("a", New, 0, 4);
        flash.Replace("m", Old, 0, 3);
        flash.Delete("a");

        Assert.Equal(
            [
                new FlashWrite(1, FlashWriteKind.Append, "a", 4),
                new FlashWrite(2, FlashWriteKind.Create, "m.tmp", 3),
                new FlashWrite(3, FlashWriteKind.Move, "m.new", 0),
                new FlashWrite(4, FlashWriteKind.Move, "m", 0),
                new FlashWrite(5, FlashWriteKind.Delete, "a", 0),
            ],
            flash.RecordedWrites);
        Assert.Equal([4, 3, 1, 1, 1], flash.RecordedWrites.Select(w => w.Size));
    }

    [Fact]
    public void ACloneIsIndependent()
    {
        var flash = new SimulatedFlash();
        flash.Append("a", Old, 0, Old.Length);
        var copy = flash.Clone();
        copy.Append("a", New, 0, 1);
        flash.FlipBit("a", 0, 7);

        Assert.Equal(new byte[] { 0x81, 2, 3 }, flash.Peek("a"));
        Assert.Equal(new byte[] { 1, 2, 3, 9 }, copy.Peek("a"));
        Assert.Equal(new[] { "a" }, copy.FileNames);
    }
}
