using System.Text.Json;
using Terminal.Emulator.Bench;
using Terminal.Emulator.Demo;
using Terminal.Emulator.Reader;
using Terminal.Emulator.Torture;
using Xunit;

namespace Terminal.Tests.Emulator;

/// <summary>The emulator's commands run the real firmware and print what they promise.</summary>
public sealed class EmulatorCommandTests
{
    [Theory]
    [InlineData("classic1k", "04A1B2C3D4E5F6", "MifareClassic1K", "95 20")]
    [InlineData("classic4k", "1A2B3C4D", "MifareClassic4K", "93 70")]
    [InlineData("ntag213", "04112233445566", "UltralightOrNtag", "30 00")]
    [InlineData("iso14443-4", "04112233445566778899", "Iso14443Part4", "97 70")]
    public void ReaderShowsTheCardItsTypeAndTheFrames(string kind, string uid, string type, string frame)
    {
        var output = new StringWriter();
        Assert.Equal(0, ReaderCommand.Run(kind, uid, output));
        var text = output.ToString();
        Assert.Contains($"Card found: UID {uid}", text);
        Assert.Contains($"type {type}", text);
        Assert.Contains(frame, text);
        Assert.Contains("52/7b", text);
        Assert.Matches(@"\d+ frames, [\d.]+ ms on air", text);
    }

    [Theory]
    [InlineData("XYZ")]
    [InlineData("0411")]
    [InlineData("88112233")]
    public void ReaderRefusesABadUidClearly(string uid)
    {
        var output = new StringWriter();
        Assert.Equal(2, ReaderCommand.Run("classic1k", uid, output));
        Assert.Contains("--uid", output.ToString());
    }

    [Fact]
    public void TheTapBenchEndsWithItsFiguresAsJson()
    {
        var output = new StringWriter();
        Assert.Equal(0, TapBench.Run(100, output));
        var json = JsonDocument.Parse(output.ToString().Trim().Split('\n')[^1]).RootElement;
        Assert.Equal(100, json.GetProperty("accepted").GetInt32());
        var air = json.GetProperty("airTimeMsPerTap").GetDouble();
        var minimum = json.GetProperty("minAirTimeMsPerTap").GetDouble();
        Assert.InRange(minimum, 10, air);
        Assert.InRange(air / minimum, 1.0, 1.2);
        Assert.True(json.GetProperty("spiBytesPerTap").GetDouble() > 0);
        Assert.True(json.GetProperty("rfFramesPerTap").GetDouble() >= 12);
        Assert.InRange(json.GetProperty("allocatedBytesPerTap").GetDouble(), 0, 16);
    }

    [Fact]
    public void TheTortureFindsNothingLostAndSaysSo()
    {
        var output = new StringWriter();
        Assert.Equal(0, TortureCommand.Run(150, 3, output));
        var json = JsonDocument.Parse(output.ToString().Trim().Split('\n')[^1]).RootElement;
        Assert.Equal(150, json.GetProperty("taps").GetInt32());
        Assert.True(json.GetProperty("interruptions").GetInt32() >= 110);
        foreach (var check in new[] { "valueLost", "doubleCharges", "unjournaledAccepts", "unreadableCards" })
        {
            Assert.Equal(0, json.GetProperty(check).GetInt64());
        }
    }

    [Fact]
    public void TheDemoShowsEveryKindOfTapAndTheJournal()
    {
        var output = new StringWriter();
        Assert.Equal(0, DemoCommand.Run(6, 1, output));
        var text = output.ToString();
        Assert.Contains("Fare 2.50", text);
        Assert.Contains("Card blocked", text);
        Assert.Contains("Cannot read card", text);
        Assert.Contains("Tap card again", text);
        Assert.Contains("Not enough funds", text);
        Assert.Contains("Already used", text);
        Assert.Matches(@"paying by phone .*Fare 2\.50 \| Have a good trip", text);
        Assert.Matches(@"Journal: \d+ records", text);
    }
}
