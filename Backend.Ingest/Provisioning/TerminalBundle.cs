using System.Security.Cryptography;
using System.Text.Json;
using Backend.Ingest.Downlink;
using Terminal.Firmware.Downlink;
using Terminal.Firmware.Tap;

namespace Backend.Ingest.Provisioning;

/// <summary>
/// Everything a new terminal needs on its <c>I:</c> drive, written into one folder by <c>provision-terminal --out</c>:
/// <c>terminal.key</c> and <c>network.cfg</c> (owner-only: they hold the card masters and the broker password), the
/// broker's CA certificate when the backend has one (<c>tls/ca.crt</c> of the data directory), nanoff's file deployment
/// list (<see cref="DeploymentFileName"/>, whose sources are relative: run nanoff inside the folder) and a manifest
/// with each file's size and SHA-256 (<see cref="ManifestFileName"/>). Both files are written by the firmware's own
/// encoders, so the terminal reads back exactly what was issued. Formats: docs/provisioning.md.
/// </summary>
public sealed class TerminalBundle
{
    public const string DeploymentFileName = "files.json";
    public const string ManifestFileName = "manifest.json";
    public const string CaCertificateFileName = "ca.crt";
    public const string TlsDirectoryName = "tls";

    /// <summary>The firmware's internal flash drive, where nanoff puts the files.</summary>
    public const string Drive = "I:\\";

    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true };

    public required uint TerminalId { get; init; }

    public int RouteId { get; init; }

    public required string BrokerHost { get; init; }

    public int BrokerPort { get; init; } = 1883;

    public string WifiSsid { get; init; } = string.Empty;

    public string WifiPassword { get; init; } = string.Empty;

    /// <summary>What is wrong with the settings, before anything is written; null when they can be issued.</summary>
    public string? Problem()
    {
        if (RouteId is < 0 or > TerminalConfig.MaxLocation)
        {
            return $"--route must be 0 to {TerminalConfig.MaxLocation}";
        }

        if (BrokerPort is < 1 or > 0xFFFF)
        {
            return "--broker-port must be 1 to 65535";
        }

        if (BrokerHost.Length == 0)
        {
            return "--broker-host is required (or Backend:Broker:Host)";
        }

        try
        {
            Network(Passwords.Generate()).Encode();
            return null;
        }
        catch (ArgumentException e)
        {
            return $"network settings: {e.Message}";
        }
    }

    /// <summary>Writes the folder (created owner-only when missing) and returns its manifest.</summary>
    public BundleManifest Write(string directory, string brokerPassword, DownlinkSigner backend, CardKeyMasters cards, string dataDirectory)
    {
        var folder = Path.GetFullPath(directory);
        if (!OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(folder, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
        else
        {
            Directory.CreateDirectory(folder);
        }

        var files = new List<(string Name, byte[] Bytes, UnixFileMode Mode)>
        {
            (TerminalProvisioning.FileName, Key(backend, cards).Encode(), AtomicFile.OwnerOnly),
            (NetworkProvisioning.FileName, Network(brokerPassword).Encode(), AtomicFile.OwnerOnly),
        };
        var caCertificate = Path.Combine(dataDirectory, TlsDirectoryName, CaCertificateFileName);
        if (File.Exists(caCertificate))
        {
            files.Add((CaCertificateFileName, File.ReadAllBytes(caCertificate), AtomicFile.WorldReadable));
        }
        else
        {
            // A folder issued again after the broker lost TLS must not keep flashing the old certificate.
            File.Delete(Path.Combine(folder, CaCertificateFileName));
        }

        foreach (var (name, bytes, mode) in files)
        {
            AtomicFile.WriteAllBytes(Path.Combine(folder, name), bytes, mode);
        }

        var deployment = new FileDeployment([.. files.Select(f => new DeploymentFile(Drive + f.Name, f.Name))]);
        AtomicFile.WriteAllText(Path.Combine(folder, DeploymentFileName), JsonSerializer.Serialize(deployment, Json) + "\n", AtomicFile.WorldReadable);
        var manifest = new BundleManifest(
            TerminalId, RouteId, BrokerHost, BrokerPort, BrokerIdentity.Terminal(TerminalId), WifiSsid, backend.KeyId,
            Convert.ToHexStringLower(backend.PublicKey),
            [.. files.Select(f => new BundleFile(f.Name, Drive + f.Name, f.Bytes.Length, Convert.ToHexStringLower(SHA256.HashData(f.Bytes))))]);
        AtomicFile.WriteAllText(Path.Combine(folder, ManifestFileName), JsonSerializer.Serialize(manifest, Json) + "\n", AtomicFile.WorldReadable);
        return manifest;
    }

    private TerminalProvisioning Key(DownlinkSigner backend, CardKeyMasters cards)
    {
        var key = new TerminalProvisioning { TerminalId = (int)TerminalId, RouteId = RouteId, BackendKeyId = backend.KeyId };
        backend.PublicKey.CopyTo(key.BackendPublicKey, 0);
        cards.SectorKeyMaster.CopyTo(key.SectorKeyMaster, 0);
        cards.MacMaster.CopyTo(key.MacMaster, 0);
        return key;
    }

    private NetworkProvisioning Network(string brokerPassword) => new()
    {
        BrokerHost = BrokerHost,
        BrokerPort = BrokerPort,
        User = BrokerIdentity.Terminal(TerminalId),
        Password = brokerPassword,
        WifiSsid = WifiSsid,
        WifiPassword = WifiPassword,
    };
}
