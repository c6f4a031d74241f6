using System.Net;
using System.Security.Cryptography.X509Certificates;
using Backend.Ingest.Tls;
using Backend.Tests.Provisioning;
using Microsoft.Extensions.Configuration;
using Xunit;

namespace Backend.Tests.Tls;

public sealed class CertificateAuthorityTests : IDisposable
{
    private readonly string _dataDirectory = Directory.CreateTempSubdirectory("busfare-ca-").FullName;

    private TlsDirectory Tls => TlsDirectory.InDataDirectory(_dataDirectory);

    [Fact]
    public void TheBrokerCertificateChainsToTheOperatorCaAloneAndNamesItsHostAndAddress()
    {
        using var ca = OperatorCertificateAuthority.Create();
        using var broker = ca.IssueBroker("broker.busfare.example", [IPAddress.Parse("10.0.0.8")]);

        Assert.True(ChainsTo(broker, ca.Certificate), "the broker's certificate must chain to the operator CA");
        Assert.True(broker.MatchesHostname("broker.busfare.example"));
        Assert.True(broker.MatchesHostname("10.0.0.8"));
        Assert.False(broker.MatchesHostname("other.busfare.example"));
        Assert.False(broker.MatchesHostname("10.0.0.9"));
        Assert.Equal("1.3.6.1.5.5.7.3.1", Assert.Single(broker.Extensions.OfType<X509EnhancedKeyUsageExtension>().Single().EnhancedKeyUsages.Cast<System.Security.Cryptography.Oid>()).Value);
        Assert.False(broker.Extensions.OfType<X509BasicConstraintsExtension>().Single().CertificateAuthority);
        Assert.Equal(X509KeyUsageFlags.DigitalSignature, broker.Extensions.OfType<X509KeyUsageExtension>().Single().KeyUsages);
        Assert.Equal("ECC", broker.PublicKey.Oid.FriendlyName);
    }

    [Fact]
    public void TheCaIsAConstrainedRootThatSignsCertificatesOnly()
    {
        using var ca = OperatorCertificateAuthority.Create();

        var constraints = ca.Certificate.Extensions.OfType<X509BasicConstraintsExtension>().Single();
        Assert.True(constraints.CertificateAuthority && constraints.Critical);
        Assert.True(constraints.HasPathLengthConstraint);
        Assert.Equal(0, constraints.PathLengthConstraint);
        Assert.Equal(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, ca.Certificate.Extensions.OfType<X509KeyUsageExtension>().Single().KeyUsages);
        Assert.Equal(ca.Certificate.SubjectName.Name, ca.Certificate.IssuerName.Name);
    }

    [Fact]
    public void ACertificateOfAnotherCaAndAnExpiredOneAreRefused()
    {
        var longAgo = DateTimeOffset.UtcNow.AddDays(-400);
        using var ca = OperatorCertificateAuthority.Create(now: longAgo);
        using var foreign = OperatorCertificateAuthority.Create("CN=Someone else");
        using var foreignBroker = foreign.IssueBroker("broker.busfare.example", []);
        using var expired = ca.IssueBroker("broker.busfare.example", [], now: longAgo);
        using var current = ca.IssueBroker("broker.busfare.example", []);

        Assert.False(ChainsTo(foreignBroker, ca.Certificate));
        Assert.False(ChainsTo(expired, ca.Certificate));
        Assert.True(ChainsTo(current, ca.Certificate));
    }

    [Fact]
    public void ATerminalCertificateIsAClientCertificateNamedForItsBrokerUser()
    {
        using var ca = OperatorCertificateAuthority.Create();
        using var terminal = ca.IssueTerminal(7);

        Assert.Equal("terminal-7", terminal.GetNameInfo(X509NameType.SimpleName, forIssuer: false));
        Assert.Equal("1.3.6.1.5.5.7.3.2", Assert.Single(terminal.Extensions.OfType<X509EnhancedKeyUsageExtension>().Single().EnhancedKeyUsages.Cast<System.Security.Cryptography.Oid>()).Value);
        Assert.True(ChainsTo(terminal, ca.Certificate));
    }

    [Fact]
    public void TheCommandWritesTheCaAndTheIssuedCertificatesWithPrivateKeysOwnerOnly()
    {
        Assert.Equal(0, Run("ca", "init").ExitCode);
        Assert.Equal(0, Run("ca", "issue-broker", "--host", "broker.busfare.example", "--ip", "127.0.0.1").ExitCode);
        Assert.Equal(0, Run("ca", "issue-terminal", "--id", "7").ExitCode);

        foreach (var secret in new[] { Tls.CaKey, Tls.BrokerKey, Tls.BrokerCertificate, Tls.TerminalKey(7), Tls.TerminalCertificate(7) })
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, UnixMode.Of(secret));
        }

        Assert.True(UnixMode.Of(Tls.CaCertificate).HasFlag(UnixFileMode.OtherRead));
        using var ca = OperatorCertificateAuthority.LoadPublic(Tls.CaCertificate);
        using var broker = X509Certificate2.CreateFromPemFile(Tls.BrokerCertificate, Tls.BrokerKey);
        Assert.True(broker.HasPrivateKey);
        Assert.True(ChainsTo(broker, ca));
        Assert.True(broker.MatchesHostname("127.0.0.1"));
    }

    [Fact]
    public void TheCommandNeverReplacesACaAndNeedsOneToIssue()
    {
        var (noCa, noCaOutput) = Run("ca", "issue-broker", "--host", "broker.busfare.example");
        Assert.Equal(1, noCa);
        Assert.Contains("run `ca init` first", noCaOutput);
        Assert.Equal(0, Run("ca", "init").ExitCode);
        var before = File.ReadAllText(Tls.CaKey);

        var (again, againOutput) = Run("ca", "init");

        Assert.Equal(1, again);
        Assert.Contains("already there", againOutput);
        Assert.Equal(before, File.ReadAllText(Tls.CaKey));
    }

    [Theory]
    [InlineData("ca")]
    [InlineData("ca", "issue-broker")]
    [InlineData("ca", "issue-broker", "--host", "not a host")]
    [InlineData("ca", "issue-broker", "--host", "broker", "--ip", "300.1.1.1")]
    [InlineData("ca", "issue-terminal", "--id", "-3")]
    [InlineData("ca", "sign-everything")]
    public void BadArgumentsPrintTheUsage(params string[] args)
    {
        var (exitCode, output) = Run(args);

        Assert.Equal(2, exitCode);
        Assert.Contains("usage:", output);
    }

    public void Dispose() => Directory.Delete(_dataDirectory, recursive: true);

    /// <summary>Validation as our clients do it: the operator CA as the only trust anchor, the system store ignored.</summary>
    internal static bool ChainsTo(X509Certificate2 certificate, X509Certificate2 ca)
    {
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(ca);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        return chain.Build(certificate);
    }

    private (int ExitCode, string Output) Run(params string[] args)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Backend:DataDirectory"] = _dataDirectory }).Build();
        var output = new StringWriter();
        var exitCode = CertificateAuthorityCommand.Run(args, configuration, _dataDirectory, output);
        return (exitCode, output.ToString());
    }
}
