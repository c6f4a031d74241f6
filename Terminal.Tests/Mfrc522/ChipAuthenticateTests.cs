using Terminal.Simulation.Mfrc522;
using Xunit;

namespace Terminal.Tests.Mfrc522;

/// <summary>MFAuthent: the 12-byte FIFO layout, MFCrypto1On, and what a failure looks like.</summary>
public sealed class ChipAuthenticateTests
{
    private static readonly byte[] Key = [0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFE];
    private static readonly byte[] Uid = [0xDE, 0xAD, 0xBE, 0xEF];

    private readonly ScriptedChannel _channel = new();
    private readonly Mfrc522Chip _chip;
    private readonly RawSpi _spi;

    public ChipAuthenticateTests()
    {
        _chip = new Mfrc522Chip(_channel);
        _spi = new RawSpi(_chip);
        _spi.Write(Mfrc522Register.TMode, 0x80);
        _spi.Write(Mfrc522Register.TPrescaler, 0xA9);
        _spi.Write(Mfrc522Register.TReloadL, 79);
        _spi.Write(Mfrc522Register.TxControl, 0x83);
        _spi.Write(Mfrc522Register.ComIrq, 0x7F);
    }

    [Fact]
    public void SuccessEndsTheCommandWithMfCrypto1On()
    {
        _channel.AuthenticationSucceeds = true;

        Authenticate(0x61, 7);

        var (command, block, key, uid) = Assert.Single(_channel.Authentications);
        Assert.Equal((0x61, 7), (command, block));
        Assert.Equal(Key, key);
        Assert.Equal(Uid, uid);
        Assert.Equal(0x10, _spi.Read(Mfrc522Register.ComIrq) & 0x71);
        Assert.Equal(0x08, _spi.Read(Mfrc522Register.Status2));
        Assert.Equal(0x00, _spi.Read(Mfrc522Register.Command) & 0x0F);
    }

    [Fact]
    public void FramesGoOutEncryptedUntilSoftwareClearsMfCrypto1On()
    {
        _channel.AuthenticationSucceeds = true;
        Authenticate(0x60, 4);

        SendHalt();
        _spi.Write(Mfrc522Register.Status2, 0x08);
        Assert.Equal(0x08, _spi.Read(Mfrc522Register.Status2) & 0x08);
        _spi.Write(Mfrc522Register.Status2, 0x00);
        SendHalt();

        Assert.True(_channel.Frames[0].Encrypted);
        Assert.False(_channel.Frames[1].Encrypted);
        Assert.False(_chip.Crypto1On);
    }

    [Fact]
    public void SoftwareCannotSetMfCrypto1On()
    {
        _spi.Write(Mfrc522Register.Status2, 0x08);
        Assert.Equal(0x00, _spi.Read(Mfrc522Register.Status2));
    }

    [Fact]
    public void ASilentCardLeavesTheCommandRunningUntilTheTimerRunsOut()
    {
        Authenticate(0x60, 4);

        Assert.Equal(0x01, _spi.Read(Mfrc522Register.ComIrq) & 0x11);
        Assert.Equal(0x0E, _spi.Read(Mfrc522Register.Command) & 0x0F);
        Assert.Equal(0x00, _spi.Read(Mfrc522Register.Status2) & 0x08);
        Assert.Equal(2_000, _channel.Timeouts[0]);
    }

    [Fact]
    public void TouchingTheFifoDuringMfAuthentIsAWriteError()
    {
        Authenticate(0x60, 4);

        _spi.Write(Mfrc522Register.FifoData, 0x00);

        Assert.Equal(0x80, _spi.Read(Mfrc522Register.Error));
    }

    [Fact]
    public void FewerThanTwelveFifoBytesIsAProtocolError()
    {
        _spi.Write(Mfrc522Register.FifoData, 0x60, 0x04, 0xFF);
        _spi.Command(Mfrc522Command.MfAuthent);

        Assert.Equal(0x01, _spi.Read(Mfrc522Register.Error));
        Assert.Equal(0x12, _spi.Read(Mfrc522Register.ComIrq) & 0x12);
        Assert.Empty(_channel.Authentications);
    }

    private void Authenticate(byte command, byte block)
    {
        _spi.Write(Mfrc522Register.FifoData, [command, block, .. Key, .. Uid]);
        _spi.Command(Mfrc522Command.MfAuthent);
        _channel.Clock.Advance(5_000);
    }

    private void SendHalt()
    {
        _spi.Write(Mfrc522Register.FifoData, 0x50, 0x00);
        _spi.Command(Mfrc522Command.Transceive);
        _spi.Write(Mfrc522Register.BitFraming, 0x80);
        _spi.Command(Mfrc522Command.Idle);
    }
}
