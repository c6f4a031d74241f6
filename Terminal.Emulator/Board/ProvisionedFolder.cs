using System.Security.Cryptography;
using System.Text.Json;
using Backend.Ingest.Provisioning;
using Terminal.Simulation.Flash;

namespace Terminal.Emulator.Board;

/// <summary>
/// What nanoff's file deployment puts on a terminal, done to a simulated flash: every file that
/// <c>provision-terminal --out</c> listed in <c>files.json</c>, as the <c>I:</c> file it names, after its SHA-256 was
/// checked against <c>manifest.json</c> (a folder damaged or edited since it was issued is refused, as a technician should).
/// </summary>
public static class ProvisionedFolder
{
    /// <summary>Loads the folder's files onto <paramref name="flash"/>; returns their I: names.</summary>
    public static IReadOnlyList<string> LoadOnto(SimulatedFlash flash, string directory)
    {
        var deployment = Read<FileDeployment>(directory, TerminalBundle.DeploymentFileName);
        var manifest = Read<BundleManifest>(directory, TerminalBundle.ManifestFileName);
        var names = new List<string>();
        foreach (var file in deployment.Files)
        {
            if (!file.DestinationFilePath.StartsWith(TerminalBundle.Drive, StringComparison.Ordinal))
            {
                throw new InvalidDataException($"{file.DestinationFilePath}: the terminal's files live on {TerminalBundle.Drive}");
            }

            var bytes = File.ReadAllBytes(Path.Combine(directory, file.SourceFilePath));
            var listed = manifest.Files.SingleOrDefault(m => m.DestinationFilePath == file.DestinationFilePath)
                ?? throw new InvalidDataException($"{file.DestinationFilePath} is not in {TerminalBundle.ManifestFileName}");
            if (listed.Sha256 != Convert.ToHexStringLower(SHA256.HashData(bytes)))
            {
                throw new InvalidDataException($"{file.SourceFilePath} does not match its SHA-256 in {TerminalBundle.ManifestFileName}: provision the terminal again");
            }

            var name = file.DestinationFilePath[TerminalBundle.Drive.Length..];
            flash.Replace(name, bytes, 0, bytes.Length);
            names.Add(name);
        }

        return names;
    }

    private static T Read<T>(string directory, string fileName) =>
        JsonSerializer.Deserialize<T>(File.ReadAllText(Path.Combine(directory, fileName)))
        ?? throw new InvalidDataException($"{Path.Combine(directory, fileName)} is empty");
}
