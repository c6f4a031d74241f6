using System.Globalization;
using Backend.Ingest.Downlink;
using Microsoft.Extensions.Configuration;

namespace Backend.Ingest.Provisioning;

/// <summary>
/// The operator's commands, run instead of the server when the first argument names one (see <see cref="Usage"/>).
/// <c>provision-terminal</c> issues (or rotates) the terminal's broker password; with <c>--out</c> it also writes the
/// terminal's whole <see cref="TerminalBundle"/>. With a Mosquitto directory (option, or
/// <c>Backend:Broker:Mosquitto:ConfigDirectory</c>) a provisioning change rewrites its files; Mosquitto applies them
/// when restarted. Every option is checked before anything is written: a bad one is exit code 2 and no file changes.
/// </summary>
public static class ProvisioningCommands
{
    public const string MosquittoDirectoryKey = "Backend:Broker:Mosquitto:ConfigDirectory";

    /// <summary>Where the Wi-Fi password comes from when no file is named: never the command line, which others can read.</summary>
    public const string WifiPasswordVariable = "BUSFARE_WIFI_PASSWORD";

    private static readonly string Usage = $"""
        usage:
          provision-terminal --id <terminal id> [--mosquitto-dir <dir>]
              issues the terminal's broker password (prints it once)
          provision-terminal --id <terminal id> --out <dir> [--route <n>] [--broker-host <host>] [--broker-port <port>]
                             [--wifi-ssid <ssid>] [--wifi-password-file <file>] [--mosquitto-dir <dir>]
              also writes every file the terminal needs (terminal.key, network.cfg, ca.crt, files.json for
              nanoff --filedeployment, manifest.json); the Wi-Fi password is read from the file or from
              ${WifiPasswordVariable}, never from the command line
          revoke-terminal --id <terminal id> [--mosquitto-dir <dir>]
          mosquitto-config --out <dir>
        terminal ids are 1 to {TerminalIdArgument.Max}, without leading zeros
        """;

    private static readonly string[] Known =
        ["--id", "--mosquitto-dir", "--out", "--route", "--broker-host", "--broker-port", "--wifi-ssid", "--wifi-password-file"];

    /// <summary>True when the first argument names a provisioning command rather than starting the server.</summary>
    public static bool Names(string[] args) =>
        args.Length > 0 && args[0] is "provision-terminal" or "revoke-terminal" or "mosquitto-config";

    /// <summary>True when <paramref name="args"/> named a provisioning command (then run, with its exit code).</summary>
    public static bool TryRun(
        string[] args, IConfiguration configuration, string contentRoot, TextWriter output, out int exitCode, Func<string, string?>? environment = null)
    {
        exitCode = 0;
        if (!Names(args))
        {
            return false;
        }

        if (!TryParseOptions(args.AsSpan(1), out var options, out var optionError))
        {
            exitCode = Fail(output, optionError);
            return true;
        }

        var command = args[0];
        uint id = 0;
        TerminalBundle? bundle = null;
        if (command != "mosquitto-config")
        {
            if (TerminalIdArgument.Parse(options.GetValueOrDefault("--id"), out var idError) is not { } parsed)
            {
                exitCode = Fail(output, idError);
                return true;
            }

            id = parsed;
        }

        var mosquittoDirectory = command == "mosquitto-config"
            ? options.GetValueOrDefault("--out")
            : options.GetValueOrDefault("--mosquitto-dir") ?? configuration[MosquittoDirectoryKey];
        if (command == "mosquitto-config" && mosquittoDirectory is not { Length: > 0 })
        {
            exitCode = Fail(output, "--out is required");
            return true;
        }

        if (command == "provision-terminal" && options.ContainsKey("--out"))
        {
            bundle = Bundle(id, options, configuration, environment ?? Environment.GetEnvironmentVariable, out var bundleError);
            if (bundle is null)
            {
                exitCode = Fail(output, bundleError);
                return true;
            }
        }
        else if (options.Keys.Any(option => option is not ("--id" or "--mosquitto-dir" or "--out")))
        {
            exitCode = Fail(output, "terminal settings need --out <dir> on provision-terminal");
            return true;
        }

        var dataDirectory = DataDirectory.Resolve(configuration, contentRoot);
        var store = TerminalCredentialStore.InDataDirectory(dataDirectory);
        var ingest = IngestCredentials.Resolve(configuration, dataDirectory);
        exitCode = command switch
        {
            "provision-terminal" => Provision(id, bundle, options.GetValueOrDefault("--out"), store, configuration, dataDirectory, output),
            "revoke-terminal" => Revoke(id, store, output),
            _ => 0,
        };
        if (exitCode == 0 && mosquittoDirectory is { Length: > 0 })
        {
            MosquittoFiles.Write(mosquittoDirectory, ingest, store, MosquittoLimits.From(configuration));
            output.WriteLine($"mosquitto files written to {Path.GetFullPath(mosquittoDirectory)}; restart Mosquitto to apply them");
        }

        return true;
    }

    private static int Provision(
        uint id, TerminalBundle? bundle, string? outDirectory, TerminalCredentialStore store, IConfiguration configuration, string dataDirectory, TextWriter output)
    {
        var password = store.Provision(id);
        output.WriteLine($"user {BrokerIdentity.Terminal(id)}");
        if (bundle is null)
        {
            output.WriteLine($"password {password}");
            output.WriteLine("(the password is shown only now: only its hash is kept)");
            return 0;
        }

        var manifest = bundle.Write(outDirectory!, password, DownlinkSigningKey.Resolve(configuration, dataDirectory), CardKeyMasters.InDataDirectory(dataDirectory), dataDirectory);
        output.WriteLine($"terminal {id} written to {Path.GetFullPath(outDirectory!)}:");
        foreach (var file in manifest.Files)
        {
            output.WriteLine($"  {file.DestinationFilePath,-16} {file.Bytes,6} B  sha256 {file.Sha256}");
        }

        output.WriteLine($"flash with: cd {Path.GetFullPath(outDirectory!)} && nanoff --filedeployment {TerminalBundle.DeploymentFileName} --serialport <port>");
        output.WriteLine("(terminal.key and network.cfg hold secrets: delete the folder once the terminal is flashed)");
        return 0;
    }

    private static TerminalBundle? Bundle(uint id, Dictionary<string, string> options, IConfiguration configuration, Func<string, string?> environment, out string error)
    {
        error = string.Empty;
        if (!TryInteger(options.GetValueOrDefault("--route") ?? "0", out var route) || !TryInteger(
                options.GetValueOrDefault("--broker-port") ?? configuration["Backend:Broker:Port"] ?? "1883", out var port))
        {
            error = "--route and --broker-port are numbers";
            return null;
        }

        string wifiPassword;
        if (options.TryGetValue("--wifi-password-file", out var passwordFile))
        {
            try
            {
                wifiPassword = File.ReadAllText(passwordFile).TrimEnd('\r', '\n');
            }
            catch (IOException e)
            {
                error = $"--wifi-password-file: {e.Message}";
                return null;
            }
        }
        else
        {
            wifiPassword = environment(WifiPasswordVariable) ?? string.Empty;
        }

        var bundle = new TerminalBundle
        {
            TerminalId = id,
            RouteId = route,
            BrokerHost = options.GetValueOrDefault("--broker-host") ?? configuration["Backend:Broker:Host"] ?? string.Empty,
            BrokerPort = port,
            WifiSsid = options.GetValueOrDefault("--wifi-ssid") ?? string.Empty,
            WifiPassword = wifiPassword,
        };
        error = bundle.Problem() ?? string.Empty;
        return error.Length == 0 ? bundle : null;
    }

    private static int Revoke(uint id, TerminalCredentialStore store, TextWriter output)
    {
        if (!store.Revoke(id))
        {
            output.WriteLine($"{BrokerIdentity.Terminal(id)} has no credentials");
            return 1;
        }

        output.WriteLine($"{BrokerIdentity.Terminal(id)} revoked");
        return 0;
    }

    private static bool TryInteger(string text, out int value) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value);

    private static bool TryParseOptions(ReadOnlySpan<string> args, out Dictionary<string, string> options, out string? error)
    {
        options = [];
        error = null;
        for (var i = 0; i < args.Length; i += 2)
        {
            if (!Known.Contains(args[i]) || i + 1 == args.Length || !options.TryAdd(args[i], args[i + 1]))
            {
                error = $"option '{args[i]}' is unknown, has no value or is given twice";
                return false;
            }
        }

        return true;
    }

    private static int Fail(TextWriter output, string? error)
    {
        if (error is { Length: > 0 })
        {
            output.WriteLine($"error: {error}");
        }

        output.WriteLine(Usage);
        return 2;
    }
}
