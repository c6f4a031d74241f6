using Backend.Ingest.Provisioning;

namespace Backend.Ingest.Broker;

/// <summary>
/// Whom an authenticated connection belongs to, read from its user name (the connection validator has already
/// checked the password, and for terminals that the client id is the same name).
/// </summary>
public readonly record struct BrokerClient(bool IsIngest, uint TerminalId)
{
    public static BrokerClient? From(string? userName, IngestCredentials ingest)
    {
        if (userName == ingest.UserName)
        {
            return new BrokerClient(IsIngest: true, TerminalId: 0);
        }

        return BrokerIdentity.TryParseTerminal(userName, out var id) ? new BrokerClient(IsIngest: false, id) : null;
    }
}
