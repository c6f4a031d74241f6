namespace Backend.Ingest.Provisioning;

/// <summary>What was issued, with no secret in it: the settings, the backend key's public half and each file's SHA-256.</summary>
public sealed record BundleManifest(
    uint TerminalId, int RouteId, string BrokerHost, int BrokerPort, string MqttUser, string WifiSsid, int BackendKeyId, string BackendPublicKey,
    IReadOnlyList<BundleFile> Files);

public sealed record BundleFile(string Name, string DestinationFilePath, int Bytes, string Sha256);
