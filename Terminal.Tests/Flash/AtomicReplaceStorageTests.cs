using Terminal.Drivers.Storage;
using Terminal.Simulation.Flash;
using Xunit;

namespace Terminal.Tests.Flash;

/// <summary>
/// The firmware's replace over the drive's own operations (the simulated LittleFS drive): a power cut at every
/// byte of every write of a replace leaves the old content or the new one, an uncommitted write is never taken
/// for the file, and the next access finishes a committed replace.
/// </summary>
public sealed class AtomicReplaceStorageTests
{
    private static readonly byte[] Old = [1, 2, 3];
    private static readonly byte[] New = [9, 8, 7, 6, 5];

    [Fact]
    public void ReplaceSwapsTheWholeContentAndLeavesNoWorkingFile()
    {
        var flash = new SimulatedFlash();
        flash.Replace("f", Old, 0, Old.Length);
        flash.Replace("f", New, 0, New.Length);

        Assert.Equal(New, flash.Peek("f"));
        Assert.Equal(["f"], flash.FileNames);
        flash.Delete("f");
        Assert.Null(flash.Peek("f"));
        Assert.Equal(0, flash.UsedBytes);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void ACutAtAnyByteOfAReplaceKeepsTheOldOrTheNewContentAndTheCommitDecides(bool fileExisted)
    {
        var outcomes = new List<string>();
        int cuts = PowerCutSweep.Run(
            () =>
            {
                var flash = new SimulatedFlash();
                if (fileExisted)
                {
                    flash.Replace("m", Old, 0, Old.Length);
                }

                return flash;
            },
            flash => flash.Replace("m", New, 0, New.Length),
            (flash, write, position) =>
            {
                bool committed = ReplaceCut.Committed(write, position);
                var buffer = new byte[8];
                int read = flash.Read("m", 0, buffer, 0, buffer.Length);
                byte[]? seen = read == 0 && !flash.Exists("m") ? null : buffer[..read];
                byte[]? expected = committed ? New : fileExisted ? Old : null;
                Assert.True(Same(expected, seen), $"cut in {write} at {position}: read {Show(seen)}, expected {Show(expected)}");
                Assert.DoesNotContain("m.new", flash.FileNames);

                flash.Replace("m", Old, 0, Old.Length);
                Assert.Equal(["m"], flash.FileNames);
                Assert.Equal(Old, flash.Peek("m"));
                outcomes.Add(committed ? "new" : "old");
            });

        Assert.Equal(New.Length + 1 + (fileExisted ? 6 : 4), cuts);
        Assert.Contains("old", outcomes);
        Assert.Contains("new", outcomes);
    }

    [Fact]
    public void ATornFirstWriteIsNeverTakenForTheFile()
    {
        var flash = new SimulatedFlash();
        flash.ArmPowerCut(0, 2);

        Assert.Throws<PowerCutException>(() => flash.Replace("m", New, 0, New.Length));
        flash.PowerOn();

        Assert.Equal(["m.tmp"], flash.FileNames);
        Assert.False(flash.Exists("m"));
        Assert.Equal(-1, flash.Length("m"));
        flash.Delete("m");
        Assert.Empty(flash.FileNames);
    }

    [Fact]
    public void ACommittedReplaceCutBeforeItsLastRenameIsFinishedByTheNextAccess()
    {
        var flash = new SimulatedFlash();
        flash.Replace("m", Old, 0, Old.Length);
        flash.ArmPowerCut(2, 1);

        Assert.Throws<PowerCutException>(() => flash.Replace("m", New, 0, New.Length));
        flash.PowerOn();

        Assert.Equal(["m.new"], flash.FileNames);
        Assert.Equal(New.Length, flash.Length("m"));
        Assert.Equal(["m"], flash.FileNames);
    }

    [Fact]
    public void AnAppendAfterARecoveredReplaceExtendsTheNewContent()
    {
        var flash = new SimulatedFlash();
        flash.Replace("m", Old, 0, Old.Length);
        flash.ArmPowerCut(1, 1);
        Assert.Throws<PowerCutException>(() => flash.Replace("m", New, 0, New.Length));
        flash.PowerOn();

        flash.Append("m", [4], 0, 1);

        Assert.Equal([9, 8, 7, 6, 5, 4], flash.Peek("m"));
    }

    [Fact]
    public void MoreFilesThanTheRememberedNamesKeepTheirOwnContent()
    {
        var flash = new SimulatedFlash();
        int files = AtomicReplaceStorage.RememberedNames + 3;
        for (int i = 0; i < files; i++)
        {
            flash.Replace($"f{i}", [(byte)i, (byte)i], 0, 2);
        }

        var buffer = new byte[2];
        for (int i = 0; i < files; i++)
        {
            flash.Replace($"f{i}", [(byte)i], 0, 1);
            Assert.Equal(1, flash.Read($"f{i}", 0, buffer, 0, 2));
            Assert.Equal((byte)i, buffer[0]);
        }

        Assert.Equal(files, flash.FileNames.Count);
    }

    private static bool Same(byte[]? a, byte[]? b) => a is null ? b is null : b is not null && a.SequenceEqual(b);

    private static string Show(byte[]? bytes) => bytes is null ? "no file" : Convert.ToHexString(bytes);
}
