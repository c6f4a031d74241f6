using System.Text.Json.Nodes;
using Microsoft.Extensions.Configuration;
using Backend.Ingest.Provisioning;
using Xunit;

namespace Backend.Tests.Provisioning;

public sealed class MosquittoFilesTests
{
    private static readonly IngestCredentials Ingest = new("ingest", "ingest-password");

    [Fact]
    public void TheDynamicSecurityRolesGiveEachTerminalOnlyItsOwnTopicsAndTheIngestUserAllOfThem()
    {
        var document = JsonNode.Parse(MosquittoDynamicSecurity.File(Ingest, [KeyValuePair.Create(17u, MosquittoPasswordHash.Create("p"))]))!;

        var defaults = document["defaultACLAccess"]!;
        Assert.False(defaults["publishClientSend"]!.GetValue<bool>());
        Assert.False(defaults["publishClientReceive"]!.GetValue<bool>());
        Assert.False(defaults["subscribe"]!.GetValue<bool>());
        Assert.Equal(
            [
                "publishClientSend fare/v1/terminals/17/tx", "publishClientSend fare/v1/terminals/17/status",
                "publishClientReceive fare/v1/terminals/17/ack", "publishClientReceive fare/v1/terminals/17/config",
                "subscribeLiteral fare/v1/terminals/17/ack", "subscribeLiteral fare/v1/terminals/17/config",
            ],
            Acls(document, "terminal-17"));
        Assert.Equal(
            [
                "publishClientSend fare/v1/terminals/+/ack", "publishClientSend fare/v1/terminals/+/config",
                "publishClientReceive fare/v1/terminals/+/tx", "publishClientReceive fare/v1/terminals/+/status",
                "subscribePattern $share/ingest/fare/v1/terminals/+/tx", "subscribePattern $share/ingest/fare/v1/terminals/+/status",
                "subscribePattern fare/v1/terminals/+/tx", "subscribePattern fare/v1/terminals/+/status",
            ],
            Acls(document, "ingest"));
    }

    [Fact]
    public void EachClientCarriesItsStoredHashAndATerminalItsOwnClientIdButNoPassword()
    {
        var hash = MosquittoPasswordHash.Create("terminal password");
        var text = MosquittoDynamicSecurity.File(Ingest, [KeyValuePair.Create(17u, hash)]);
        var clients = JsonNode.Parse(text)!["clients"]!.AsArray();

        Assert.Equal(2, clients.Count);
        var ingest = clients[0]!;
        Assert.Equal("ingest", ingest["username"]!.GetValue<string>());
        Assert.Null(ingest["clientid"]);
        var ingestHash = $"$7${ingest["iterations"]}${ingest["salt"]}${ingest["password"]}";
        Assert.True(MosquittoPasswordHash.TryParse(ingestHash, out var parsed) && parsed!.Verify("ingest-password"));
        var terminal = clients[1]!;
        Assert.Equal("terminal-17", terminal["clientid"]!.GetValue<string>());
        Assert.Equal(hash.ToString(), $"$7${terminal["iterations"]}${terminal["salt"]}${terminal["password"]}");
        Assert.Equal("terminal-17", terminal["roles"]![0]!["rolename"]!.GetValue<string>());
        Assert.DoesNotContain("ingest-password", text);
        Assert.DoesNotContain("terminal password", text);
    }

    [Fact]
    public void WritingPutsBothFilesInPlaceWithTheHashesPrivate()
    {
        var directory = Directory.CreateTempSubdirectory("busfare-mosquitto-files-").FullName;
        try
        {
            var store = TerminalCredentialStore.InDataDirectory(directory);
            store.Provision(3);
            var output = Path.Combine(directory, "out");

            MosquittoFiles.Write(output, Ingest, store, MosquittoLimits.Default);

            var dynamicSecurity = Path.Combine(output, MosquittoFiles.DynamicSecurityFileName);
            Assert.Equal(AtomicFile.OwnerOnly, UnixMode.Of(dynamicSecurity));
            Assert.Contains("\"username\": \"terminal-3\"", File.ReadAllText(dynamicSecurity));
            var config = File.ReadAllText(Path.Combine(output, MosquittoFiles.ConfigFileName));
            Assert.Contains("allow_anonymous false", config);
            Assert.Contains("plugin /usr/lib/x86_64-linux-gnu/mosquitto_dynamic_security.so\n", config);
            Assert.Contains($"plugin_opt_config_file {dynamicSecurity}\n", config);
            Assert.DoesNotContain("acl_file", config);
            Assert.DoesNotContain("password_file", config);
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

    private static string[] Acls(JsonNode document, string role) =>
        [.. document["roles"]!.AsArray().Single(node => node!["rolename"]!.GetValue<string>() == role)!["acls"]!.AsArray()
            .Select(acl => $"{acl!["acltype"]!.GetValue<string>()} {acl["topic"]!.GetValue<string>()}")];
}
