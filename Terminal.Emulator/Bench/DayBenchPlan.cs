using System.Text.Json;
using Terminal.Firmware.Downlink;

namespace Terminal.Emulator.Bench;

/// <summary>One terminal a `bench day` terminal process runs: its id and broker password.</summary>
public sealed record DayBenchTerminalLogin(uint Id, string Password);

/// <summary>
/// What the parent of `bench day` hands each of its terminal processes, as a file only its user can read (it holds
/// the terminals' passwords): the broker, the day's shape and the downlink versions the terminals claim to hold.
/// </summary>
public sealed record DayBenchPlan(
    string BrokerHost,
    int BrokerPort,
    double Minutes,
    double TapSeconds,
    double BatchSeconds,
    double StatusSeconds,
    uint FareTableVersion,
    uint BlacklistVersion,
    uint KeysVersion,
    IReadOnlyList<DayBenchTerminalLogin> Terminals)
{
    public TimeSpan RunTime => TimeSpan.FromMinutes(Minutes);

    /// <summary>A status that claims every version the backend publishes, so a status costs its upsert and no catch-up.</summary>
    public TerminalStatusReport Installed() => new() { FareTableVersion = FareTableVersion, BlacklistVersion = BlacklistVersion, KeysVersion = KeysVersion };

    public void Write(string path)
    {
        using (File.Create(path, 4096, FileOptions.None))
        {
        }

        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        File.WriteAllText(path, JsonSerializer.Serialize(this, BenchJson.Options));
    }

    public static DayBenchPlan Read(string path) =>
        JsonSerializer.Deserialize<DayBenchPlan>(File.ReadAllText(path), BenchJson.Options) ?? throw new InvalidDataException($"{path} holds no plan.");
}
