using System.Text;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Terminal.Drivers.Scanner;
using Terminal.Simulation.Scanner;
using Terminal.Simulation.Timing;
using Xunit;

namespace Terminal.Tests.Scanner;

public sealed class QrScannerFramingTests
{
    private const int QuietGap = QrScanner.DefaultGapMicroseconds + 10_000;

    private readonly SimulatedClock _clock = new();

    [Theory]
    [InlineData(CodeTerminator.CarriageReturn)]
    [InlineData(CodeTerminator.LineFeed)]
    [InlineData(CodeTerminator.CarriageReturnLineFeed)]
    [InlineData(CodeTerminator.IdleGap)]
    public void FramesCodesWithEveryTerminator(CodeTerminator terminator)
    {
        var (scanner, model) = Line(terminator);
        foreach (var code in new[] { "QR1:abc", "x", "hello world ~!" })
        {
            Present(model, code, terminator);
        }

        Assert.Equal(
            [ScanResult.Code("QR1:abc"), ScanResult.Code("x"), ScanResult.Code("hello world ~!")],
            ScanRun.Drain(scanner, model));
    }

    [Property(MaxTest = 300)]
    public bool AnySplitOfAValidStreamYieldsTheSameCodes(NonEmptyArray<NonEmptyString> texts, NonEmptyArray<PositiveInt> chunks, byte terminatorSeed)
    {
        var terminator = (CodeTerminator)(terminatorSeed % 4);
        var codes = texts.Get.Select(t => Printable(t.Get)).ToArray();
        var (scanner, model) = Line(terminator);
        model.NextChunkSize = ScannerModel.Cycle(chunks.Get.Select(c => 1 + c.Get % 40).ToArray());
        foreach (var code in codes)
        {
            Present(model, code, terminator);
        }

        return ScanRun.Drain(scanner, model).SequenceEqual(codes.Select(ScanResult.Code));
    }

    [Fact]
    public void ACodeOfExactlyTheMaximumPassesAndOneMoreOverflowsOnce()
    {
        var (scanner, model) = Line(CodeTerminator.CarriageReturn, maxCodeLength: 8);
        Present(model, "12345678", CodeTerminator.CarriageReturn);
        Present(model, "123456789", CodeTerminator.CarriageReturn);
        Present(model, new string('z', 5000), CodeTerminator.CarriageReturn);
        Present(model, "ok", CodeTerminator.CarriageReturn);

        Assert.Equal(
            [ScanResult.Code("12345678"), ScanResult.Of(ScanStatus.Overflow), ScanResult.Of(ScanStatus.Overflow), ScanResult.Code("ok")],
            ScanRun.Drain(scanner, model));
    }

    [Fact]
    public void TheDefaultMaximumHoldsASignedToken()
    {
        var (scanner, model) = Line(CodeTerminator.CarriageReturn);
        var token = new string('T', QrScanner.DefaultMaxCodeLength);
        Present(model, token, CodeTerminator.CarriageReturn);

        Assert.Equal([ScanResult.Code(token)], ScanRun.Drain(scanner, model));
    }

    [Theory]
    [InlineData(new byte[] { 0x41, 0x00, 0x42 })]
    [InlineData(new byte[] { 0x41, 0xFF, 0x42 })]
    [InlineData(new byte[] { 0x1B, 0x41 })]
    [InlineData(new byte[] { 0x41, 0x7F })]
    public void ACodeWithBytesOutsidePrintableAsciiIsDiscardedAndFramingResyncs(byte[] noisy)
    {
        var (scanner, model) = Line(CodeTerminator.CarriageReturn);
        model.InjectNoise([.. noisy, 0x0D]);
        Present(model, "after", CodeTerminator.CarriageReturn);

        Assert.Equal([ScanResult.Of(ScanStatus.Noise), ScanResult.Code("after")], ScanRun.Drain(scanner, model));
    }

    [Fact]
    public void NoiseEndedBySilenceIsReportedOnceAndTheNextCodeIsClean()
    {
        var (scanner, model) = Line(CodeTerminator.CarriageReturn);
        model.InjectNoise([0xF0, 0x00, 0x81]);
        model.InjectGap(QuietGap);
        Present(model, "clean", CodeTerminator.CarriageReturn);

        Assert.Equal([ScanResult.Of(ScanStatus.Noise), ScanResult.Code("clean")], ScanRun.Drain(scanner, model));
    }

    [Fact]
    public void ACarriageReturnWithoutItsLineFeedBreaksOnlyThatCode()
    {
        var (scanner, model) = Line(CodeTerminator.CarriageReturnLineFeed);
        model.InjectNoise("half\rX\r\n"u8);
        Present(model, "whole", CodeTerminator.CarriageReturnLineFeed);

        Assert.Equal([ScanResult.Of(ScanStatus.Noise), ScanResult.Code("whole")], ScanRun.Drain(scanner, model));
    }

    [Fact]
    public void ACodeCutShortIsDroppedAfterTheGapInsteadOfGluedToTheNext()
    {
        var (scanner, model) = Line(CodeTerminator.LineFeed);
        model.InjectNoise("cut-sh"u8);
        model.InjectGap(QuietGap);
        Present(model, "next", CodeTerminator.LineFeed);

        Assert.Equal([ScanResult.Of(ScanStatus.Incomplete), ScanResult.Code("next")], ScanRun.Drain(scanner, model));
    }

    [Fact]
    public void IdleGapFramingIgnoresPausesShorterThanTheGap()
    {
        var (scanner, model) = Line(CodeTerminator.IdleGap);
        model.InjectNoise("ab"u8);
        model.InjectGap(QrScanner.DefaultGapMicroseconds - 5_000);
        model.InjectNoise("cd"u8);
        model.InjectGap(QuietGap);
        model.InjectNoise("ef"u8);
        model.InjectGap(QuietGap);

        Assert.Equal([ScanResult.Code("abcd"), ScanResult.Code("ef")], ScanRun.Drain(scanner, model));
    }

    [Fact]
    public void IdleGapFramingReportsAnOverlongCodeAtTheGap()
    {
        var (scanner, model) = Line(CodeTerminator.IdleGap, maxCodeLength: 4);
        Present(model, "toolong", CodeTerminator.IdleGap);
        Present(model, "fit", CodeTerminator.IdleGap);

        Assert.Equal([ScanResult.Of(ScanStatus.Overflow), ScanResult.Code("fit")], ScanRun.Drain(scanner, model));
    }

    [Fact]
    public void EmptyLinesAreNotCodes()
    {
        var (scanner, model) = Line(CodeTerminator.CarriageReturn);
        model.InjectNoise("\r\r"u8);
        Present(model, "a", CodeTerminator.CarriageReturn);

        Assert.Equal([ScanResult.Code("a")], ScanRun.Drain(scanner, model));
    }

    [Fact]
    public void ResetForgetsAPartialCode()
    {
        var (scanner, model) = Line(CodeTerminator.CarriageReturn);
        model.InjectNoise("stale"u8);
        Assert.Equal(ScanStatus.None, scanner.Poll());
        scanner.Reset();
        Present(model, "fresh", CodeTerminator.CarriageReturn);

        Assert.Equal([ScanResult.Code("fresh")], ScanRun.Drain(scanner, model));
    }

    [Fact]
    public void FramingAllocatesNothingPerCode()
    {
        var (scanner, model) = Line(CodeTerminator.CarriageReturnLineFeed);
        model.NextChunkSize = ScannerModel.Cycle([3, 17, 64]);
        for (var i = 0; i < 200; i++)
        {
            Present(model, $"token-{i:D4}-" + new string('x', 100), CodeTerminator.CarriageReturnLineFeed);
        }

        var codes = scanner.Poll() == ScanStatus.Code ? 1 : 0;
        var before = GC.GetAllocatedBytesForCurrentThread();
        while (model.Pending > 0)
        {
            if (scanner.Poll() == ScanStatus.Code)
            {
                codes++;
            }
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        Assert.Equal(200, codes);
    }

    [Fact]
    public void RefusesAnUnusableConfiguration()
    {
        var model = new ScannerModel(_clock);
        Assert.Throws<ArgumentOutOfRangeException>(() => new QrScanner(model, _clock, CodeTerminator.CarriageReturn, 0, 1000));
        Assert.Throws<ArgumentOutOfRangeException>(() => new QrScanner(model, _clock, CodeTerminator.CarriageReturn, 10, 0));
        Assert.Throws<ArgumentNullException>(() => new QrScanner(null!, _clock, CodeTerminator.CarriageReturn));
    }

    private (QrScanner Scanner, ScannerModel Model) Line(CodeTerminator terminator, int maxCodeLength = QrScanner.DefaultMaxCodeLength)
    {
        var model = new ScannerModel(_clock) { Suffix = ScanRun.Suffix(terminator) };
        return (new QrScanner(model, _clock, terminator, maxCodeLength, QrScanner.DefaultGapMicroseconds), model);
    }

    private static void Present(ScannerModel model, string code, CodeTerminator terminator)
    {
        Assert.True(model.Present(Encoding.ASCII.GetBytes(code)));
        if (terminator == CodeTerminator.IdleGap)
        {
            model.InjectGap(QuietGap);
        }
    }

    private static string Printable(string text) => new(text.Select(c => (char)(0x20 + c % 95)).ToArray());
}
