using System.Diagnostics;
using Xunit;

namespace Backend.Tests.Provisioning;

/// <summary>
/// Nothing from the backend's data directory (credential hashes, generated passwords) may travel into build or
/// publish output: the Web SDK copies every .json under the project unless the project file removes it.
/// </summary>
public sealed class BuildOutputSecretsTests
{
    [Fact]
    public async Task AFileInTheDataDirectoryIsNeitherContentNorCopiedToTheOutput()
    {
        var project = Path.Combine(RepositoryRoot(), "Backend.Ingest");
        var data = Path.Combine(project, "data");
        var existed = Directory.Exists(data);
        var probe = Path.Combine(data, $"build-output-probe-{Guid.NewGuid():N}.json");
        Directory.CreateDirectory(data);
        await File.WriteAllTextAsync(probe, "{}");
        try
        {
            var items = await EvaluateItemsAsync(Path.Combine(project, "Backend.Ingest.csproj"));

            Assert.Contains("\"Identity\"", items);
            Assert.DoesNotContain(Path.GetFileName(probe), items);
        }
        finally
        {
            File.Delete(probe);
            if (!existed)
            {
                Directory.Delete(data);
            }
        }
    }

    /// <summary>The items MSBuild would copy: Content and None (both carry CopyToOutputDirectory / CopyToPublishDirectory).</summary>
    private static async Task<string> EvaluateItemsAsync(string projectFile)
    {
        var start = new ProcessStartInfo("dotnet", ["msbuild", projectFile, "-getItem:Content", "-getItem:None", "-nologo"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start");
        var output = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, $"dotnet msbuild failed: {output}{await process.StandardError.ReadToEndAsync()}");
        return output;
    }

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "BusFare.slnx")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"no BusFare.slnx above {AppContext.BaseDirectory}");
    }
}
