using System.Globalization;
using System.Net;
using Backend.Ingest.Provisioning;
using Microsoft.Extensions.Configuration;

namespace Backend.Ingest.Tls;

/// <summary>
/// The operator's <c>ca</c> command, run instead of the server:
/// <code>
/// ca init                                   creates the operator CA in &lt;data dir&gt;/tls (ca.crt public, ca.key 0600)
/// ca issue-broker --host NAME [--ip ADDR]   the broker's certificate (broker.crt, broker.key, 0600); --ip repeatable
/// ca issue-terminal --id N                  terminal N's client certificate (tls/terminals/terminal-N.crt|.key, 0600)
/// </code>
/// Exit codes: 0 done, 1 refused (a CA already there, or none yet), 2 usage.
/// </summary>
public static class CertificateAuthorityCommand
{
    public const string Name = "ca";

    private const string Usage = """
        usage:
          ca init
          ca issue-broker --host <dns name> [--ip <address>]...
          ca issue-terminal --id <terminal id>
        """;

    public static int Run(string[] args, IConfiguration configuration, string contentRoot, TextWriter output)
    {
        var directory = TlsDirectory.InDataDirectory(DataDirectory.Resolve(configuration, contentRoot));
        if (args is not [Name, var verb, .. var rest] || !TryParseOptions(rest, out var options))
        {
            return Fail(output);
        }

        try
        {
            return verb switch
            {
                "init" when options.Count == 0 => Init(directory, output),
                "issue-broker" => IssueBroker(directory, options, output),
                "issue-terminal" => IssueTerminal(directory, options, output),
                _ => Fail(output),
            };
        }
        catch (InvalidOperationException e)
        {
            output.WriteLine(e.Message);
            return 1;
        }
    }

    private static int Init(TlsDirectory directory, TextWriter output)
    {
        using var ca = OperatorCertificateAuthority.Create();
        ca.Save(directory);
        output.WriteLine($"operator CA created: {directory.CaCertificate} (copy it to every terminal and client), key {directory.CaKey} (keep it offline if you can)");
        output.WriteLine($"valid until {ca.Certificate.NotAfter.ToUniversalTime():yyyy-MM-dd}, SHA-256 fingerprint {ca.Certificate.GetCertHashString(System.Security.Cryptography.HashAlgorithmName.SHA256)}");
        return 0;
    }

    private static int IssueBroker(TlsDirectory directory, List<(string Option, string Value)> options, TextWriter output)
    {
        var hosts = options.Where(o => o.Option == "--host").Select(o => o.Value).ToArray();
        var addresses = new List<IPAddress>();
        foreach (var (option, value) in options)
        {
            if (option is not ("--host" or "--ip") || (option == "--ip" && !IPAddress.TryParse(value, out _)))
            {
                return Fail(output);
            }

            if (option == "--ip")
            {
                addresses.Add(IPAddress.Parse(value));
            }
        }

        if (hosts is not [var host] || Uri.CheckHostName(host) != UriHostNameType.Dns)
        {
            return Fail(output);
        }

        using var ca = OperatorCertificateAuthority.Load(directory);
        using var broker = ca.IssueBroker(host, addresses);
        OperatorCertificateAuthority.Save(broker, directory.BrokerCertificate, directory.BrokerKey);
        output.WriteLine($"broker certificate for {host}{string.Concat(addresses.Select(a => ", " + a))}: {directory.BrokerCertificate}, key {directory.BrokerKey}");
        output.WriteLine($"valid until {broker.NotAfter.ToUniversalTime():yyyy-MM-dd}; rewrite the Mosquitto files (mosquitto-config) and restart the broker to use it");
        return 0;
    }

    private static int IssueTerminal(TlsDirectory directory, List<(string Option, string Value)> options, TextWriter output)
    {
        if (options is not [("--id", var text)] || !uint.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var id))
        {
            return Fail(output);
        }

        using var ca = OperatorCertificateAuthority.Load(directory);
        using var terminal = ca.IssueTerminal(id);
        OperatorCertificateAuthority.Save(terminal, directory.TerminalCertificate(id), directory.TerminalKey(id));
        output.WriteLine($"client certificate of {BrokerIdentity.Terminal(id)}: {directory.TerminalCertificate(id)}, key {directory.TerminalKey(id)}");
        output.WriteLine($"valid until {terminal.NotAfter.ToUniversalTime():yyyy-MM-dd}; copy both with ca.crt to the terminal's I: drive (docs/technician-guide.md)");
        return 0;
    }

    private static bool TryParseOptions(ReadOnlySpan<string> args, out List<(string Option, string Value)> options)
    {
        options = [];
        if (args.Length % 2 != 0)
        {
            return false;
        }

        for (var i = 0; i < args.Length; i += 2)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal))
            {
                return false;
            }

            options.Add((args[i], args[i + 1]));
        }

        return true;
    }

    private static int Fail(TextWriter output)
    {
        output.WriteLine(Usage);
        return 2;
    }
}
