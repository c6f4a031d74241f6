using Terminal.Firmware.Downlink;
using Terminal.Firmware.Tap;
using Terminal.Simulation.Flash;
using Xunit;

namespace Terminal.Tests.Downlink;

public sealed class NetworkProvisioningTests
{
    [Fact]
    public void TheFileRoundTrips()
    {
        var flash = new SimulatedFlash();
        var written = new NetworkProvisioning
        {
            BrokerHost = "mqtt.depot.example", BrokerPort = 8883, User = "terminal-17", Password = "s3cret!", WifiSsid = "Depot North", WifiPassword = "wpa pass",
        };
        var bytes = written.Encode();
        flash.Replace(NetworkProvisioning.FileName, bytes, 0, bytes.Length);

        var read = new NetworkProvisioning();
        Assert.Equal(ProvisioningStatus.Ok, read.Load(flash));
        Assert.Equal(
            (written.BrokerHost, written.BrokerPort, written.User, written.Password, written.WifiSsid, written.WifiPassword),
            (read.BrokerHost, read.BrokerPort, read.User, read.Password, read.WifiSsid, read.WifiPassword));
        Assert.Equal("terminal-17", NetworkProvisioning.ClientId(17));
    }

    [Fact]
    public void AMissingOrDamagedFileIsReported()
    {
        var flash = new SimulatedFlash();
        Assert.Equal(ProvisioningStatus.Missing, new NetworkProvisioning().Load(flash));

        var bytes = new NetworkProvisioning { BrokerHost = "h" }.Encode();
        for (int i = 0; i < bytes.Length; i++)
        {
            var damaged = bytes.ToArray();
            damaged[i] ^= 0x04;
            flash.Replace(NetworkProvisioning.FileName, damaged, 0, damaged.Length);
            Assert.Equal(ProvisioningStatus.Corrupt, new NetworkProvisioning().Load(flash));
        }

        flash.Replace(NetworkProvisioning.FileName, bytes, 0, bytes.Length - 1);
        Assert.Equal(ProvisioningStatus.Corrupt, new NetworkProvisioning().Load(flash));
    }

    [Fact]
    public void TextsThatAreNotPrintableAsciiAreRefusedWhenWritten()
    {
        Assert.Throws<ArgumentException>(() => new NetworkProvisioning { WifiSsid = "caf\u00e9" }.Encode());
        Assert.Throws<ArgumentException>(() => new NetworkProvisioning { Password = new string('x', 256) }.Encode());
    }
}
