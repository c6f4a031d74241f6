using Microsoft.Extensions.Configuration;
using Backend.Ingest.Provisioning;
using Xunit;

namespace Backend.Tests.Provisioning;

public sealed class MosquittoFilesTests
{
    private static readonly IngestCredentials Ingest = new("ingest", "ingest-password");

    [Fact]
    public void TheAclGivesEachTerminalOnlyItsOwnTopicsAndTheIngestUserAllOfThem()
    {
        var acl = MosquittoFiles.AclFile(Ingest, [17]);

        Assert.Contains("""
            user ingest
            topic write fare/v1/terminals/+/ack
            topic write fare/v1/terminals/+/config
            topic read fare/v1/terminals/+/tx
            topic read fare/v1/terminals/+/status

            user terminal-17
            topic write fare/v1/terminals/17/tx
            topic write fare/v1/terminals/17/status
            topic read fare/v1/terminals/17/ack
            topic read fare/v1/terminals/17/config

            """.ReplaceLineEndings("\n"), acl);
    }

    [Fact]
    public void ThePasswordFileHasOneHashedLinePerUserAndNoPassword()
    {
        var hash = MosquittoPasswordHash.Create("terminal password");
        var lines = MosquittoFiles.PasswordFile(Ingest, [KeyValuePair.Create(17u, hash)]).Split('\n', StringSplitOptions.RemoveEmptyEntries);

        Assert.Equal(2, lines.Length);
        Assert.StartsWith("ingest:$7$", lines[0]);
        Assert.True(MosquittoPasswordHash.TryParse(lines[0]["ingest:".Length..], out var ingestHash) && ingestHash!.Verify("ingest-password"));
        Assert.Equal($"terminal-17:{hash}", lines[1]);
        Assert.DoesNotContain("ingest-password", lines[0]);
    }

    [Fact]
    public void WritingPutsTheThreeFilesInPlaceWithThePasswordsPrivate()
    {
        var directory = Directory.CreateTempSubdirectory("busfare-mosquitto-files-").FullName;
        try
        {
            var store = TerminalCredentialStore.InDataDirectory(directory);
            store.Provision(3);
            var output = Path.Combine(directory, "out");

            MosquittoFiles.Write(output, Ingest, store, MosquittoLimits.Default);

            Assert.Equal(AtomicFile.OwnerOnly, UnixMode.Of(Path.Combine(output, MosquittoFiles.PasswordFileName)));
            Assert.Contains("user terminal-3", File.ReadAllText(Path.Combine(output, MosquittoFiles.AclFileName)));
            var config = File.ReadAllText(Path.Combine(output, MosquittoFiles.ConfigFileName));
            Assert.Contains("allow_anonymous false", config);
            Assert.Contains($"password_file {Path.Combine(output, MosquittoFiles.PasswordFileName)}", config);
            Assert.Contains($"acl_file {Path.Combine(output, MosquittoFiles.AclFileName)}", config);
            Assert.Contains("max_queued_messages 100000\n", config);
            Assert.Contains("max_inflight_messages 100\n", config);
            Assert.Contains($"max_packet_size {32_768 + 1024}\n", config);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public void TheLimitsComeFromConfigurationAndAnUnusableOneIsRefusedInWords()
    {
        var configured = MosquittoLimits.From(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Backend:Broker:Mosquitto:MaxQueuedMessages"] = "250000",
        }).Build());
        Assert.Equal(MosquittoLimits.Default with { MaxQueuedMessages = 250_000 }, configured);

        var refused = Assert.Throws<InvalidOperationException>(() => MosquittoLimits.From(new ConfigurationBuilder().AddInMemoryCollection(
            new Dictionary<string, string?> { ["Backend:Broker:Mosquitto:MaxPacketSize"] = "16000" }).Build()));
        Assert.Contains("at least 33792 bytes", refused.Message);
    }
}
