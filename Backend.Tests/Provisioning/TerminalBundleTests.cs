using System.Security.Cryptography;
using System.Text.Json;
using Backend.Ingest.Downlink;
using Backend.Ingest.Provisioning;
using Microsoft.Extensions.Configuration;
using Terminal.Firmware.Downlink;
using Terminal.Firmware.Tap;
using Terminal.Simulation.Flash;
using Xunit;

namespace Backend.Tests.Provisioning;

/// <summary><c>provision-terminal --out</c>: every file a terminal needs, read back by the firmware's own parsers.</summary>
public sealed class TerminalBundleTests : IDisposable
{
    private readonly string _contentRoot = Directory.CreateTempSubdirectory("busfare-bundle-").FullName;
    private readonly IConfiguration _configuration = new ConfigurationBuilder()
        .AddInMemoryCollection(new Dictionary<string, string?> { ["Backend:Downlink:KeyId"] = "3" }).Build();

    private string DataDirectory => Path.Combine(_contentRoot, "data");

    private string Out => Path.Combine(_contentRoot, "terminal-17");

    [Fact]
    public void EveryFileIsWrittenAndTheFirmwareReadsBackWhatWasIssued()
    {
        var wifiPasswordFile = Path.Combine(_contentRoot, "wifi");
        File.WriteAllText(wifiPasswordFile, "depot wpa pass\n");

        var (exitCode, output) = Run(
            "provision-terminal", "--id", "17", "--out", Out, "--route", "27", "--broker-host", "mqtt.depot.example", "--broker-port", "8883",
            "--wifi-ssid", "Depot North", "--wifi-password-file", wifiPasswordFile);

        Assert.Equal(0, exitCode);
        Assert.DoesNotContain("depot wpa pass", output);
        var flash = OnFlash();
        var key = new TerminalProvisioning();
        Assert.Equal(ProvisioningStatus.Ok, key.Load(flash));
        var backend = DownlinkSigningKey.Resolve(_configuration, DataDirectory);
        var cards = CardKeyMasters.InDataDirectory(DataDirectory);
        Assert.Equal((17, 27, 3), (key.TerminalId, key.RouteId, key.BackendKeyId));
        Assert.Equal(backend.PublicKey, key.BackendPublicKey);
        Assert.Equal(cards.SectorKeyMaster, key.SectorKeyMaster);
        Assert.Equal(cards.MacMaster, key.MacMaster);
        Assert.NotEqual(cards.SectorKeyMaster, cards.MacMaster);

        var network = new NetworkProvisioning();
        Assert.Equal(ProvisioningStatus.Ok, network.Load(flash));
        Assert.Equal(("mqtt.depot.example", 8883, "terminal-17", "Depot North", "depot wpa pass"),
            (network.BrokerHost, network.BrokerPort, network.User, network.WifiSsid, network.WifiPassword));
        Assert.True(TerminalCredentialStore.InDataDirectory(DataDirectory).Verify(17, network.Password));

        Assert.Equal(AtomicFile.OwnerOnly, UnixMode.Of(Path.Combine(Out, TerminalProvisioning.FileName)));
        Assert.Equal(AtomicFile.OwnerOnly, UnixMode.Of(Path.Combine(Out, NetworkProvisioning.FileName)));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, UnixMode.Of(Out));
        Assert.False(File.Exists(Path.Combine(Out, TerminalBundle.CaCertificateFileName)));
        Assert.Equal([@"I:\terminal.key", @"I:\network.cfg"], Deployment().Files.Select(f => f.DestinationFilePath));
    }

    [Fact]
    public void TheManifestHoldsEachDeployedFilesHashAndNoSecret()
    {
        Assert.Equal(0, Run("provision-terminal", "--id", "17", "--out", Out, "--broker-host", "10.0.0.5").ExitCode);

        var manifestText = File.ReadAllText(Path.Combine(Out, TerminalBundle.ManifestFileName));
        var manifest = JsonSerializer.Deserialize<BundleManifest>(manifestText)!;
        Assert.Equal(Deployment().Files.Select(f => f.DestinationFilePath), manifest.Files.Select(f => f.DestinationFilePath));
        foreach (var file in manifest.Files)
        {
            var bytes = File.ReadAllBytes(Path.Combine(Out, Deployment().Files.Single(d => d.DestinationFilePath == file.DestinationFilePath).SourceFilePath));
            Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(bytes)), file.Sha256);
            Assert.Equal(bytes.Length, file.Bytes);
        }

        var network = new NetworkProvisioning();
        network.Load(OnFlash());
        Assert.DoesNotContain(network.Password, manifestText);
        Assert.DoesNotContain(Convert.ToBase64String(CardKeyMasters.InDataDirectory(DataDirectory).MacMaster), manifestText);
        Assert.Equal((17u, "terminal-17", 1883), (manifest.TerminalId, manifest.MqttUser, manifest.BrokerPort));
    }

    [Fact]
    public void TheBrokersCaCertificateIsCopiedWhenTheBackendHasOne()
    {
        Directory.CreateDirectory(Path.Combine(DataDirectory, "tls"));
        File.WriteAllText(Path.Combine(DataDirectory, "tls", "ca.crt"), "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n");

        Assert.Equal(0, Run("provision-terminal", "--id", "17", "--out", Out, "--broker-host", "h").ExitCode);

        Assert.Equal(File.ReadAllBytes(Path.Combine(DataDirectory, "tls", "ca.crt")), File.ReadAllBytes(Path.Combine(Out, "ca.crt")));
        Assert.Contains(@"I:\ca.crt", Deployment().Files.Select(f => f.DestinationFilePath));
    }

    [Fact]
    public void ProvisioningAgainReplacesThePasswordAndTheOldOneIsRefused()
    {
        Run("provision-terminal", "--id", "17", "--out", Out, "--broker-host", "h");
        var first = new NetworkProvisioning();
        first.Load(OnFlash());

        Assert.Equal(0, Run("provision-terminal", "--id", "17", "--out", Out, "--broker-host", "h").ExitCode);
        var second = new NetworkProvisioning();
        second.Load(OnFlash());

        var store = TerminalCredentialStore.InDataDirectory(DataDirectory);
        Assert.NotEqual(first.Password, second.Password);
        Assert.False(store.Verify(17, first.Password));
        Assert.True(store.Verify(17, second.Password));
    }

    [Fact]
    public void TheWifiPasswordComesFromTheEnvironmentWhenNoFileIsNamed()
    {
        var output = new StringWriter();
        ProvisioningCommands.TryRun(
            ["provision-terminal", "--id", "5", "--out", Out, "--broker-host", "h", "--wifi-ssid", "Depot"], _configuration, _contentRoot, output, out var exitCode,
            name => name == ProvisioningCommands.WifiPasswordVariable ? "from the environment" : null);

        Assert.Equal(0, exitCode);
        var network = new NetworkProvisioning();
        network.Load(OnFlash());
        Assert.Equal("from the environment", network.WifiPassword);
    }

    [Theory]
    [InlineData("017", "leading zero")]
    [InlineData("0", "ids start at 1")]
    [InlineData("-1", "not a number")]
    [InlineData("abc", "not a number")]
    [InlineData("2147483648", "above the largest")]
    [InlineData("99999999999", "above the largest")]
    public void ABadIdIsAClearErrorAndNothingIsWritten(string id, string reason)
    {
        var (exitCode, output) = Run("provision-terminal", "--id", id, "--out", Out, "--broker-host", "h");

        Assert.Equal(2, exitCode);
        Assert.Contains(reason, output.Split('\n')[0]);
        Assert.StartsWith("error: terminal id", output);
        Assert.False(Directory.Exists(DataDirectory));
        Assert.False(Directory.Exists(Out));
    }

    [Theory]
    [InlineData("--route", "4096")]
    [InlineData("--broker-port", "70000")]
    [InlineData("--wifi-ssid", "caf\u00e9")]
    [InlineData("--broker-host", "")]
    public void BadSettingsAreRefusedBeforeAnythingIsWritten(string option, string value)
    {
        string[] host = option == "--broker-host" ? [] : ["--broker-host", "h"];
        var (exitCode, output) = Run(["provision-terminal", "--id", "17", "--out", Out, .. host, option, value]);

        Assert.Equal(2, exitCode);
        Assert.StartsWith("error: ", output);
        Assert.False(Directory.Exists(DataDirectory));
        Assert.False(Directory.Exists(Out));
    }

    public void Dispose() => Directory.Delete(_contentRoot, recursive: true);

    private (int ExitCode, string Output) Run(params string[] args)
    {
        var output = new StringWriter();
        ProvisioningCommands.TryRun(args, _configuration, _contentRoot, output, out var exitCode, _ => null);
        return (exitCode, output.ToString());
    }

    private FileDeployment Deployment() =>
        JsonSerializer.Deserialize<FileDeployment>(File.ReadAllText(Path.Combine(Out, TerminalBundle.DeploymentFileName)))!;

    /// <summary>The deployed files on a terminal's flash, under the names nanoff gives them on I:.</summary>
    private SimulatedFlash OnFlash()
    {
        var flash = new SimulatedFlash();
        foreach (var file in Deployment().Files)
        {
            var bytes = File.ReadAllBytes(Path.Combine(Out, file.SourceFilePath));
            flash.Replace(file.DestinationFilePath[TerminalBundle.Drive.Length..], bytes, 0, bytes.Length);
        }

        return flash;
    }
}
