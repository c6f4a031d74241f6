using Terminal.Drivers.Mfrc522;
using Terminal.Drivers.Reader;
using Terminal.Simulation.Mfrc522;
using Xunit;

namespace Terminal.Tests.Mfrc522;

/// <summary>Init: reset, identification by VersionReg, and the Type A set-up it leaves in the registers.</summary>
public sealed class DriverInitTests
{
    [Theory]
    [InlineData(0x91, Mfrc522ChipKind.NxpV1)]
    [InlineData(0x92, Mfrc522ChipKind.NxpV2)]
    [InlineData(0x90, Mfrc522ChipKind.NxpV0)]
    [InlineData(0x88, Mfrc522ChipKind.FudanFm17522)]
    [InlineData(0x89, Mfrc522ChipKind.FudanFm17522Variant)]
    [InlineData(0xB2, Mfrc522ChipKind.FudanFm17522Variant)]
    [InlineData(0x12, Mfrc522ChipKind.Counterfeit)]
    public void GenuineChipsAndKnownClonesAreAcceptedAndReported(byte version, Mfrc522ChipKind kind)
    {
        var f = new DriverFixture(new Mfrc522ChipOptions { Version = version });

        Assert.Equal(ReaderStatus.Ok, f.Driver.Init());
        Assert.Equal(version, f.Driver.Version);
        Assert.Equal(kind, f.Driver.ChipKind);
    }

    [Theory]
    [InlineData(0x00)]
    [InlineData(0xFF)]
    [InlineData(0x37)]
    public void ABrokenOrUnknownVersionIsAChipError(byte version)
    {
        var f = new DriverFixture(new Mfrc522ChipOptions { Version = version });

        Assert.Equal(ReaderStatus.ChipError, f.Driver.Init());
        Assert.Equal(Mfrc522ChipKind.Unknown, f.Driver.ChipKind);
        Assert.False(f.Channel.FieldOn);
    }

    [Theory]
    [InlineData(0x00)]
    [InlineData(0xFF)]
    public void ADeadBusIsAChipErrorWithinABoundedTime(byte stuckAt)
    {
        var f = new DriverFixture(new Mfrc522ChipOptions { MisoStuckAt = stuckAt });

        Assert.Equal(ReaderStatus.ChipError, f.Driver.Init());
        Assert.InRange(f.Channel.Clock.MonotonicMicroseconds, 0, 200_000);
    }

    [Fact]
    public void InitSetsUpTypeAAndSwitchesTheAntennaOn()
    {
        var f = new DriverFixture();

        f.Driver.Init();

        Assert.True(f.Channel.FieldOn);
        Assert.Equal(
            new byte[] { 0x80, 0xA9, 0x40, 0x3D, 0x83, 0x48, 0x00, 0x00 },
            f.Spi.ReadBurst(Mfrc522Register.TMode, Mfrc522Register.TPrescaler, Mfrc522Register.TxAsk, Mfrc522Register.Mode,
                Mfrc522Register.TxControl, Mfrc522Register.RfCfg, Mfrc522Register.TxMode, Mfrc522Register.RxMode));
        Assert.Equal(0, f.Spi.Read(Mfrc522Register.Coll) & 0x80);
        Assert.True(f.ChipAtRest());
    }

    [Theory]
    [InlineData(ReceiverGain.Db18, 18)]
    [InlineData(ReceiverGain.Db43, 43)]
    [InlineData(ReceiverGain.Db48, 48)]
    public void InitProgramsTheReceiverGain(ReceiverGain gain, int decibels)
    {
        var f = new DriverFixture();
        var driver = new Terminal.Drivers.Mfrc522.Mfrc522(f.Chip, f.Channel.Clock, gain);

        driver.Init();

        Assert.Equal(decibels, f.Chip.ReceiverGainDb);
    }

    [Fact]
    public void InitWaitsForTheOscillatorInsteadOfLosingItsWrites()
    {
        var f = new DriverFixture(new Mfrc522ChipOptions { WakeUpMicroseconds = 5_000 });

        Assert.Equal(ReaderStatus.Ok, f.Driver.Init());

        Assert.Equal(0xA9, f.Spi.Read(Mfrc522Register.TPrescaler));
        Assert.InRange(f.Channel.Clock.MonotonicMicroseconds, 5_000, 6_000);
    }

    [Fact]
    public void NothingWorksBeforeASuccessfulInit()
    {
        var f = new DriverFixture();
        var x = new PcdExchange();
        x.Start(1, false, false, 1_000);

        Assert.Equal(ReaderStatus.ChipError, f.Driver.Transceive(x));
        Assert.Equal(ReaderStatus.ChipError, f.Driver.Authenticate(0x60, 4, new byte[6], 0, new byte[4], 0));
        Assert.Empty(f.Channel.Frames);
    }
}
