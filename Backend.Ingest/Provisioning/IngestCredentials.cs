using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Configuration;

namespace Backend.Ingest.Provisioning;

/// <summary>
/// The backend's own broker identity: <c>Backend:Broker:User</c> (default <c>ingest</c>) with the password from
/// <c>Backend:Broker:Password</c>, or, when none is configured, one generated on first start and kept in the data
/// directory (<see cref="FileName"/>, mode 0600) so every later start and every worker process uses the same.
/// </summary>
public sealed class IngestCredentials
{
    public const string FileName = "ingest-password";

    public IngestCredentials(string userName, string password)
    {
        ArgumentException.ThrowIfNullOrEmpty(userName);
        ArgumentException.ThrowIfNullOrEmpty(password);
        if (userName.StartsWith(BrokerIdentity.TerminalPrefix, StringComparison.Ordinal))
        {
            throw new ArgumentException($"the backend's broker user must not look like a terminal ('{userName}')", nameof(userName));
        }

        UserName = userName;
        Password = password;
    }

    public string UserName { get; }

    public string Password { get; }

    public static IngestCredentials Resolve(IConfiguration configuration, string dataDirectory)
    {
        var user = configuration["Backend:Broker:User"] is { Length: > 0 } configuredUser ? configuredUser : BrokerIdentity.DefaultIngestUser;
        if (configuration["Backend:Broker:Password"] is { Length: > 0 } configuredPassword)
        {
            return new IngestCredentials(user, configuredPassword);
        }

        var path = Path.Combine(dataDirectory, FileName);
        AtomicFile.TryCreate(path, Passwords.Generate() + "\n", AtomicFile.OwnerOnly);
        var stored = File.ReadAllText(path).Trim();
        if (stored.Length == 0)
        {
            throw new InvalidOperationException($"{path} is empty: delete it to generate a new ingest password, or set Backend:Broker:Password");
        }

        return new IngestCredentials(user, stored);
    }

    public bool Matches(string? userName, string? password) =>
        userName == UserName && password is not null
        && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(password), Encoding.UTF8.GetBytes(Password));
}
