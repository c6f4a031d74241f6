using Backend.Ingest.Provisioning;
using Xunit;

namespace Backend.Tests.Provisioning;

public sealed class TerminalCredentialStoreTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("busfare-credentials-").FullName;

    [Fact]
    public void AProvisionedPasswordVerifiesIsNeverStoredAndSurvivesARestart()
    {
        var store = TerminalCredentialStore.InDataDirectory(_directory);
        var password = store.Provision(17);

        Assert.True(password.Length >= 24);
        Assert.True(store.Verify(17, password));
        Assert.False(store.Verify(17, password + "x"));
        Assert.False(store.Verify(18, password));
        Assert.DoesNotContain(password, File.ReadAllText(store.Path));
        Assert.Equal(AtomicFile.OwnerOnly, UnixMode.Of(store.Path));
        Assert.True(TerminalCredentialStore.InDataDirectory(_directory).Verify(17, password));
        Assert.Empty(Directory.GetFiles(_directory, "*.tmp"));
    }

    [Fact]
    public void ProvisioningAgainRotatesThePassword()
    {
        var store = TerminalCredentialStore.InDataDirectory(_directory);
        var first = store.Provision(17);
        var second = store.Provision(17);

        Assert.NotEqual(first, second);
        Assert.False(store.Verify(17, first));
        Assert.True(store.Verify(17, second));
    }

    [Fact]
    public void RevokingRemovesTheCredentialsAndTellsTheBroker()
    {
        var store = TerminalCredentialStore.InDataDirectory(_directory);
        var password = store.Provision(17);
        var revoked = new List<uint>();
        store.Revoked += revoked.Add;

        Assert.True(store.Revoke(17));
        Assert.False(store.Revoke(17));

        Assert.False(store.Verify(17, password));
        Assert.False(TerminalCredentialStore.InDataDirectory(_directory).IsProvisioned(17));
        Assert.Equal([17u], revoked);
    }

    [Fact]
    public async Task ConcurrentProvisioningLosesNoTerminal()
    {
        var store = TerminalCredentialStore.InDataDirectory(_directory);
        var passwords = await Task.WhenAll(Enumerable.Range(1, 40).Select(id => Task.Run(() => (Id: (uint)id, Password: store.Provision((uint)id)))));

        var reopened = TerminalCredentialStore.InDataDirectory(_directory);
        Assert.Equal(40, reopened.Snapshot().Count);
        Assert.All(passwords, p => Assert.True(reopened.Verify(p.Id, p.Password)));
    }

    [Fact]
    public void AChangeByAnotherProcessIsSeenAtTheNextVerification()
    {
        var running = TerminalCredentialStore.InDataDirectory(_directory);
        running.Provision(1);

        var password = TerminalCredentialStore.InDataDirectory(_directory).Provision(2);

        Assert.True(running.Verify(2, password));
    }

    [Fact]
    public void ACorruptFileIsAClearError()
    {
        File.WriteAllText(Path.Combine(_directory, TerminalCredentialStore.FileName), """{ "Terminals": { "17": "$7$1$short$hash" } }""");

        var error = Assert.Throws<InvalidDataException>(() => TerminalCredentialStore.InDataDirectory(_directory));
        Assert.Contains("'17'", error.Message);
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);
}
