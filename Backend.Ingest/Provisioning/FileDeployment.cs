namespace Backend.Ingest.Provisioning;

/// <summary>nanoff's <c>--filedeployment</c> file: each file's place on the device and where nanoff reads it.</summary>
public sealed record FileDeployment(IReadOnlyList<DeploymentFile> Files);

public sealed record DeploymentFile(string DestinationFilePath, string SourceFilePath);
