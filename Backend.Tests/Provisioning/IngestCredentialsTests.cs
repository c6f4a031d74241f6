using Backend.Ingest.Provisioning;
using Microsoft.Extensions.Configuration;
using Xunit;

namespace Backend.Tests.Provisioning;

public sealed class IngestCredentialsTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("busfare-ingest-").FullName;

    [Fact]
    public void AConfiguredPasswordIsUsedAndNothingIsWritten()
    {
        var credentials = IngestCredentials.Resolve(Configuration(("Backend:Broker:Password", "configured"), ("Backend:Broker:User", "worker")), _directory);

        Assert.Equal(("worker", "configured"), (credentials.UserName, credentials.Password));
        Assert.Empty(Directory.GetFiles(_directory));
    }

    [Fact]
    public void WithoutOneAPasswordIsGeneratedOnceKeptPrivateAndReused()
    {
        var first = IngestCredentials.Resolve(Configuration(), _directory);
        var second = IngestCredentials.Resolve(Configuration(), _directory);

        Assert.Equal(BrokerIdentity.DefaultIngestUser, first.UserName);
        Assert.Equal(first.Password, second.Password);
        Assert.True(first.Matches("ingest", second.Password));
        Assert.False(first.Matches("ingest", second.Password[1..]));
        Assert.False(first.Matches("terminal-1", first.Password));
        Assert.Equal(AtomicFile.OwnerOnly, UnixMode.Of(Path.Combine(_directory, IngestCredentials.FileName)));
    }

    [Fact]
    public void TheBackendUserCannotBeNamedLikeATerminal() =>
        Assert.Throws<ArgumentException>(() => new IngestCredentials("terminal-1", "x"));

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private static IConfiguration Configuration(params (string Key, string Value)[] values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values.Select(v => KeyValuePair.Create(v.Key, (string?)v.Value))).Build();
}
