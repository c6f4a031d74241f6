using System.Globalization;
using Microsoft.Extensions.Configuration;

namespace Backend.Ingest.Provisioning;

/// <summary>
/// The operator's commands, run instead of the server when the first argument names one:
/// <code>
/// provision-terminal --id 17 [--mosquitto-dir DIR]   prints the new password once
/// revoke-terminal --id 17 [--mosquitto-dir DIR]
/// mosquitto-config --out DIR                         writes dynamic-security.json and busfare.conf
/// </code>
/// With a Mosquitto directory (option, or <c>Backend:Broker:Mosquitto:ConfigDirectory</c>) a provisioning change
/// rewrites its files; Mosquitto applies them when restarted.
/// </summary>
public static class ProvisioningCommands
{
    public const string MosquittoDirectoryKey = "Backend:Broker:Mosquitto:ConfigDirectory";

    private const string Usage = """
        usage:
          provision-terminal --id <terminal id> [--mosquitto-dir <dir>]
          revoke-terminal --id <terminal id> [--mosquitto-dir <dir>]
          mosquitto-config --out <dir>
        """;

    /// <summary>True when the first argument names a provisioning command rather than starting the server.</summary>
    public static bool Names(string[] args) =>
        args.Length > 0 && args[0] is "provision-terminal" or "revoke-terminal" or "mosquitto-config";

    /// <summary>True when <paramref name="args"/> named a provisioning command (then run, with its exit code).</summary>
    public static bool TryRun(string[] args, IConfiguration configuration, string contentRoot, TextWriter output, out int exitCode)
    {
        exitCode = 0;
        if (!Names(args))
        {
            return false;
        }

        if (!TryParseOptions(args.AsSpan(1), out var options))
        {
            exitCode = Fail(output);
            return true;
        }

        var dataDirectory = DataDirectory.Resolve(configuration, contentRoot);
        var store = TerminalCredentialStore.InDataDirectory(dataDirectory);
        var ingest = IngestCredentials.Resolve(configuration, dataDirectory);
        var mosquittoDirectory = args[0] == "mosquitto-config"
            ? options.GetValueOrDefault("--out")
            : options.GetValueOrDefault("--mosquitto-dir") ?? configuration[MosquittoDirectoryKey];
        exitCode = args[0] switch
        {
            "provision-terminal" => Provision(options, store, output),
            "revoke-terminal" => Revoke(options, store, output),
            _ => mosquittoDirectory is { Length: > 0 } ? 0 : Fail(output),
        };
        if (exitCode == 0 && mosquittoDirectory is { Length: > 0 })
        {
            MosquittoFiles.Write(mosquittoDirectory, ingest, store, MosquittoLimits.From(configuration));
            output.WriteLine($"mosquitto files written to {Path.GetFullPath(mosquittoDirectory)}; restart Mosquitto to apply them");
        }

        return true;
    }

    private static int Provision(Dictionary<string, string> options, TerminalCredentialStore store, TextWriter output)
    {
        if (!TryTerminalId(options, out var id))
        {
            return Fail(output);
        }

        var password = store.Provision(id);
        output.WriteLine($"user {BrokerIdentity.Terminal(id)}");
        output.WriteLine($"password {password}");
        output.WriteLine("(the password is shown only now: only its hash is kept)");
        return 0;
    }

    private static int Revoke(Dictionary<string, string> options, TerminalCredentialStore store, TextWriter output)
    {
        if (!TryTerminalId(options, out var id))
        {
            return Fail(output);
        }

        if (!store.Revoke(id))
        {
            output.WriteLine($"{BrokerIdentity.Terminal(id)} has no credentials");
            return 1;
        }

        output.WriteLine($"{BrokerIdentity.Terminal(id)} revoked");
        return 0;
    }

    private static bool TryTerminalId(Dictionary<string, string> options, out uint id)
    {
        id = 0;
        return options.TryGetValue("--id", out var text) && uint.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out id);
    }

    private static bool TryParseOptions(ReadOnlySpan<string> args, out Dictionary<string, string> options)
    {
        options = [];
        if (args.Length % 2 != 0)
        {
            return false;
        }

        for (var i = 0; i < args.Length; i += 2)
        {
            if (args[i] is not ("--id" or "--mosquitto-dir" or "--out") || !options.TryAdd(args[i], args[i + 1]))
            {
                return false;
            }
        }

        return true;
    }

    private static int Fail(TextWriter output)
    {
        output.WriteLine(Usage);
        return 2;
    }
}
