using Backend.Ingest.Provisioning;
using Microsoft.Extensions.Configuration;
using Xunit;

namespace Backend.Tests.Provisioning;

public sealed class ProvisioningCommandsTests : IDisposable
{
    private readonly string _contentRoot = Directory.CreateTempSubdirectory("busfare-commands-").FullName;
    private readonly IConfiguration _configuration = new ConfigurationBuilder().Build();

    [Fact]
    public void ProvisionTerminalPrintsAPasswordOnceThatTheStoreVerifies()
    {
        var (handled, exitCode, output) = Run("provision-terminal", "--id", "17");

        Assert.True(handled);
        Assert.Equal(0, exitCode);
        var password = output.Split('\n').Single(line => line.StartsWith("password ", StringComparison.Ordinal))["password ".Length..].Trim();
        Assert.Contains("user terminal-17", output);
        var store = TerminalCredentialStore.InDataDirectory(Path.Combine(_contentRoot, "data"));
        Assert.True(store.Verify(17, password));
    }

    [Fact]
    public void MosquittoConfigAndARevocationRewriteTheFiles()
    {
        var mosquitto = Path.Combine(_contentRoot, "mosquitto");
        Run("provision-terminal", "--id", "4");
        Assert.Equal(0, Run("mosquitto-config", "--out", mosquitto).ExitCode);
        Assert.Contains("\"clientid\": \"terminal-4\"", File.ReadAllText(Path.Combine(mosquitto, MosquittoFiles.DynamicSecurityFileName)));

        Assert.Equal(0, Run("revoke-terminal", "--id", "4", "--mosquitto-dir", mosquitto).ExitCode);

        Assert.DoesNotContain("terminal-4", File.ReadAllText(Path.Combine(mosquitto, MosquittoFiles.DynamicSecurityFileName)));
        Assert.Equal(1, Run("revoke-terminal", "--id", "4").ExitCode);
    }

    [Theory]
    [InlineData("provision-terminal")]
    [InlineData("provision-terminal", "--id", "-1")]
    [InlineData("provision-terminal", "--id", "17", "--colour")]
    [InlineData("mosquitto-config")]
    public void BadUsageIsExitCodeTwoWithTheUsage(params string[] args)
    {
        var (handled, exitCode, output) = Run(args);

        Assert.True(handled);
        Assert.Equal(2, exitCode);
        Assert.Contains("usage:", output);
    }

    [Fact]
    public void AnythingElseIsLeftToTheServer()
    {
        Assert.False(Run().Handled);
        Assert.False(Run("--urls", "http://127.0.0.1:0").Handled);
        Assert.False(Directory.Exists(Path.Combine(_contentRoot, "data")));
    }

    public void Dispose() => Directory.Delete(_contentRoot, recursive: true);

    private (bool Handled, int ExitCode, string Output) Run(params string[] args)
    {
        var output = new StringWriter();
        var handled = ProvisioningCommands.TryRun(args, _configuration, _contentRoot, output, out var exitCode);
        return (handled, exitCode, output.ToString());
    }
}
