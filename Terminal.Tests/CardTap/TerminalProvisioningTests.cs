using System.Security.Cryptography;
using Terminal.Firmware.Tap;
using Terminal.Simulation.Flash;
using Xunit;

namespace Terminal.Tests.CardTap;

public sealed class TerminalProvisioningTests
{
    [Fact]
    public void AProvisionedFileLoadsEveryField()
    {
        var written = Sample();
        var flash = new SimulatedFlash();
        var file = written.Encode();
        flash.Replace(TerminalProvisioning.FileName, file, 0, file.Length);

        var loaded = new TerminalProvisioning();
        Assert.Equal(ProvisioningStatus.Ok, loaded.Load(flash));
        Assert.Equivalent(written, loaded);
    }

    [Fact]
    public void AMissingFileSaysTheTerminalWasNeverProvisioned() =>
        Assert.Equal(ProvisioningStatus.Missing, new TerminalProvisioning().Load(new SimulatedFlash()));

    [Fact]
    public void AnyDamagedByteOrLengthIsRefused()
    {
        var file = Sample().Encode();
        for (var i = 0; i < file.Length; i++)
        {
            var flash = new SimulatedFlash();
            var damaged = (byte[])file.Clone();
            damaged[i] ^= 0x10;
            flash.Replace(TerminalProvisioning.FileName, damaged, 0, damaged.Length);
            Assert.Equal(ProvisioningStatus.Corrupt, new TerminalProvisioning().Load(flash));
        }

        var truncated = new SimulatedFlash();
        truncated.Replace(TerminalProvisioning.FileName, file, 0, file.Length - 1);
        Assert.Equal(ProvisioningStatus.Corrupt, new TerminalProvisioning().Load(truncated));
    }

    private static TerminalProvisioning Sample()
    {
        var provisioning = new TerminalProvisioning { TerminalId = 40012, RouteId = 27, BackendKeyId = 3 };
        RandomNumberGenerator.Fill(provisioning.BackendPublicKey);
        RandomNumberGenerator.Fill(provisioning.SectorKeyMaster);
        RandomNumberGenerator.Fill(provisioning.MacMaster);
        return provisioning;
    }
}
