using System.Text.Json;
using System.Text.Json.Nodes;

namespace Backend.Ingest.Provisioning;

/// <summary>
/// The configuration file of Mosquitto 2.0's dynamic-security plugin (<c>dynamic-security.json</c>): one client and
/// one role per identity, from the <see cref="TopicRights"/> table. Unlike the ACL file, the plugin checks
/// subscriptions when they are made (a foreign or <c>$share/ingest/...</c> filter gets SUBACK <c>0x87</c>) and a
/// client's <c>clientid</c> binds the client id to the user name (another terminal's id gets CONNACK <c>0x87</c>).
/// Everything not granted is refused: <c>defaultACLAccess</c> denies publishing, receiving and subscribing.
/// Passwords are the credential store's PBKDF2-SHA512 hashes (the fields of the <c>$7$</c> form), never plaintext.
/// </summary>
public static class MosquittoDynamicSecurity
{
    private const string SharedIngestGroup = "$share/ingest/";

    public static string File(IngestCredentials ingest, IEnumerable<KeyValuePair<uint, MosquittoPasswordHash>> terminals)
    {
        var clients = new JsonArray();
        var roles = new JsonArray();
        // No clientid for the backend: every ingest worker needs its own (docs/broker-security.md, identities).
        clients.Add(Client(ingest.UserName, clientId: null, MosquittoPasswordHash.Create(ingest.Password)));
        roles.Add(Role(
            ingest.UserName,
            sends: TopicRights.IngestPublishes,
            receives: TopicRights.IngestSubscribes,
            subscribeType: "subscribePattern",
            // The shared form for scaled-out workers ($share/ingest/...), the plain form for a single one.
            subscribes: [.. TopicRights.IngestSubscribes.Select(topic => SharedIngestGroup + topic), .. TopicRights.IngestSubscribes]));
        foreach (var (id, hash) in terminals)
        {
            var name = BrokerIdentity.Terminal(id);
            clients.Add(Client(name, clientId: name, hash));
            // Literal: a terminal may subscribe to exactly its own topics, never a filter that would cover others'.
            roles.Add(Role(name, TopicRights.TerminalPublishes(id), TopicRights.TerminalSubscribes(id), "subscribeLiteral", TopicRights.TerminalSubscribes(id)));
        }

        var document = new JsonObject
        {
            ["defaultACLAccess"] = new JsonObject
            {
                ["publishClientSend"] = false,
                ["publishClientReceive"] = false,
                ["subscribe"] = false,
                ["unsubscribe"] = true,
            },
            ["clients"] = clients,
            ["groups"] = new JsonArray(),
            ["roles"] = roles,
        };
        return document.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n";
    }

    private static JsonObject Client(string userName, string? clientId, MosquittoPasswordHash hash)
    {
        var client = new JsonObject
        {
            ["username"] = userName,
            ["password"] = hash.HashBase64,
            ["salt"] = hash.SaltBase64,
            ["iterations"] = hash.Iterations,
            ["roles"] = new JsonArray(new JsonObject { ["rolename"] = userName }),
        };
        if (clientId is not null)
        {
            client["clientid"] = clientId;
        }

        return client;
    }

    private static JsonObject Role(string name, IEnumerable<string> sends, IEnumerable<string> receives, string subscribeType, IEnumerable<string> subscribes)
    {
        var acls = new JsonArray();
        foreach (var topic in sends)
        {
            acls.Add(Allow("publishClientSend", topic));
        }

        foreach (var topic in receives)
        {
            acls.Add(Allow("publishClientReceive", topic));
        }

        foreach (var topic in subscribes)
        {
            acls.Add(Allow(subscribeType, topic));
        }

        return new JsonObject { ["rolename"] = name, ["acls"] = acls };
    }

    private static JsonObject Allow(string type, string topic) =>
        new() { ["acltype"] = type, ["topic"] = topic, ["priority"] = 0, ["allow"] = true };
}
