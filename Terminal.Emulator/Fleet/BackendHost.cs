using System.Data.Common;
using System.Globalization;
using Backend.Ingest.Broker;
using Backend.Ingest.Downlink;
using Backend.Ingest.Hosting;
using Backend.Ingest.Identity;
using Backend.Ingest.Provisioning;
using Backend.Ingest.Qr;
using Backend.Ingest.Storage;
using Backend.Ingest.Storage.Schema;
using Microsoft.AspNetCore.Builder;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Terminal.Emulator.Backoffice;

namespace Terminal.Emulator.Fleet;

/// <summary>
/// The real backend hosted in-process on embedded defaults (MQTTnet broker with per-terminal credentials, ingest,
/// API and web page) with a fresh data folder under the temp folder, on SQLite or on a fresh schema of a
/// PostgreSQL database. It provisions the fleet's terminals, restarts its broker on command, reads back what it
/// stored, and times the store's bulk path on another fresh database for the bench's baseline.
/// </summary>
public sealed class BackendHost : IAsyncDisposable
{
    /// <summary>The downlink's key id: apart from the emulator's scheme key (1) and QR issuer (2).</summary>
    public const int DownlinkKeyId = 3;

    /// <summary>The backend's QR token key id, apart from the emulator's scheme key (1) and the downlink's (3).</summary>
    public const int QrKeyId = 4;

    /// <summary>The fare table version the backend hands out; the buses boot with version 1 until it arrives.</summary>
    public const uint DownlinkFareTableVersion = 2;

    private const int ReportedLostCards = 2;
    /// <summary>Who publishes the day's fare table and blacklist, in the audit log.</summary>
    private const string Operator = "fleet-operator";

    private readonly WebApplication _app;
    private readonly string _dataDirectory;
    private readonly string? _postgres;
    private readonly List<string> _schemas;

    private readonly MosquittoProcess? _mosquitto;
    private readonly IReadOnlyDictionary<uint, string>? _provisioned;

    private BackendHost(
        WebApplication app, string dataDirectory, string? postgres, List<string> schemas, PassengerClock passengerClock,
        MosquittoProcess? mosquitto = null, IReadOnlyDictionary<uint, string>? provisioned = null)
    {
        _app = app;
        _dataDirectory = dataDirectory;
        _postgres = postgres;
        _schemas = schemas;
        PassengerClock = passengerClock;
        _mosquitto = mosquitto;
        _provisioned = provisioned;
    }

    /// <summary>The external Mosquitto's process id (<see cref="StartOnMosquittoAsync"/>); null on the embedded broker, which is this process.</summary>
    public int? BrokerProcessId => _mosquitto?.ProcessId;

    public string BrokerKind => _mosquitto is null ? "embedded" : "mosquitto";

    /// <summary>The clock the backend dates QR tokens by: the real one until a fleet's day follows it (docs/payments.md, "In the fleet").</summary>
    public PassengerClock PassengerClock { get; }

    public string StoreKind => _postgres is null ? "sqlite" : "postgres";

    /// <summary>The web page and API, e.g. http://127.0.0.1:5123/.</summary>
    public string WebAddress => _app.WebAddresses()[0] + "/";

    public int BrokerPort => _mosquitto?.Port ?? _app.Services.GetRequiredService<EmbeddedBroker>().Port;

    /// <summary>Messages the embedded broker has dropped since start (a receiver's queue was full); 0 on Mosquitto, which counts its own on $SYS.</summary>
    public long BrokerDrops => _app.Services.GetRequiredService<BrokerCounters>().DroppedMessages;

    /// <summary>The downlink versions a caught-up terminal holds: fare table, blacklist and keys as the catalog has them now.</summary>
    public (uint FareTable, uint Blacklist, uint Keys) InstalledVersions
    {
        get
        {
            var catalog = _app.Services.GetRequiredService<DownlinkCatalog>();
            return (catalog.FareTable?.Version ?? 0, catalog.BlacklistVersion, catalog.Keys.Version);
        }
    }

    private string SqlitePath => Path.Combine(_dataDirectory, "busfare.db");

    /// <summary>Starts the backend; <paramref name="postgres"/> null means the embedded SQLite file.</summary>
    public static Task<BackendHost> StartAsync(string? postgres, CancellationToken cancellation = default) =>
        StartAsync(postgres, Directory.CreateTempSubdirectory("busfare-fleet-").FullName, new Dictionary<string, string?>
        {
            ["Backend:Mode"] = "Embedded",
            ["Backend:Broker:Embedded:Port"] = FreePort().ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Backend:Broker:Password"] = Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16)),
        }, null, null, cancellation);

    /// <summary>
    /// The backend in Production mode on a private Mosquitto (<paramref name="mosquitto"/>, its executable) configured
    /// by the backend's own generated files, <paramref name="terminalIds"/> provisioned first: Mosquitto's dynamic
    /// security reads its identities only at start.
    /// </summary>
    public static async Task<BackendHost> StartOnMosquittoAsync(string? postgres, string mosquitto, IEnumerable<uint> terminalIds, CancellationToken cancellation = default)
    {
        var data = Directory.CreateTempSubdirectory("busfare-fleet-").FullName;
        var store = TerminalCredentialStore.InDataDirectory(data);
        var passwords = store.ProvisionMany(terminalIds);
        var ingest = new IngestCredentials(BrokerIdentity.DefaultIngestUser, Passwords.Generate());
        MosquittoFiles.Write(data, ingest, store, MosquittoLimits.Default);
        var broker = await MosquittoProcess.StartAsync(mosquitto, data, FreePort(), cancellation);
        return await StartAsync(postgres, data, new Dictionary<string, string?>
        {
            ["Backend:Mode"] = "Production",
            ["Backend:Broker:Host"] = "127.0.0.1",
            ["Backend:Broker:Port"] = broker.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Backend:Broker:User"] = ingest.UserName,
            ["Backend:Broker:Password"] = ingest.Password,
        }, broker, passwords, cancellation);
    }

    private static async Task<BackendHost> StartAsync(
        string? postgres, string data, Dictionary<string, string?> broker, MosquittoProcess? mosquitto, IReadOnlyDictionary<uint, string>? provisioned, CancellationToken cancellation)
    {
        var schemas = new List<string>();
        var settings = new Dictionary<string, string?>(broker)
        {
            ["Backend:DataDirectory"] = data,
            ["Backend:Store:Kind"] = postgres is null ? "Sqlite" : "Postgres",
            ["Backend:Store:Sqlite"] = Path.Combine(data, "busfare.db"),
            ["Backend:Downlink:KeyId"] = DownlinkKeyId.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Backend:Qr:KeyId"] = QrKeyId.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Logging:LogLevel:Default"] = "Warning",
            // Every sandbox event is delivered twice, so that every run shows a duplicated webhook credited once.
            ["Backend:Payments:Sandbox:DuplicateRate"] = "1",
            // QR cap refunds settle within a second, so the tally's revenue check need not wait long after the day.
            ["Backend:Ledger:SettleSeconds"] = "1",
        };
        if (postgres is not null)
        {
            settings["Backend:Store:Postgres"] = await FreshSchemaAsync(postgres, schemas, cancellation);
        }

        var passengerClock = new PassengerClock();
        var app = BackendApplication.Create([], settings, services => services.AddKeyedSingleton<TimeProvider>(QrTokenIssuance.ClockKey, passengerClock));
        app.Urls.Add("http://127.0.0.1:0");
        await app.StartAsync(cancellation);
        return new BackendHost(app, data, postgres is null ? null : settings["Backend:Store:Postgres"], schemas, passengerClock, mosquitto, provisioned);
    }

    /// <summary>
    /// The fleet's view: each terminal provisioned with its own password, the broker's restart, the stored rows and
    /// the downlink key. The downlink catalog gets the day's configuration, which every bus receives over MQTT
    /// at its first status: fare table version 2, signed by the backend, and a blacklist of cards reported lost.
    /// </summary>
    public async Task<FleetBackend> ForFleetAsync(IEnumerable<uint> terminalIds, CancellationToken cancellation = default)
    {
        var passwords = _provisioned ?? _app.Services.GetRequiredService<TerminalCredentialStore>().ProvisionMany(terminalIds);
        var signer = await PublishDayAsync(cancellation);
        var deskKey = await _app.Services.GetRequiredService<ApiKeys>().IssueInternalAsync(
            "fleet desk", [StaffRoles.CustomerService, StaffRoles.Finance, StaffRoles.Operations], Operator, cancellation);
        return new FleetBackend("127.0.0.1", BrokerPort, id => passwords[id], RestartBrokerAsync, ReadStoredAsync, new DownlinkKey(signer.KeyId, signer.PublicKey),
            new BackOfficeClient(deskKey.Authorize(new HttpClient { BaseAddress = new Uri(WebAddress) }), "fleet desk"),
            new PassengerBrowser(new HttpClient { BaseAddress = new Uri(WebAddress) }), PassengerClock, ReadTopUpsAsync);
    }

    /// <summary>
    /// Provisions one terminal as an operator does, with <c>provision-terminal --out</c> over this backend's own
    /// configuration and data directory (so the files hold its downlink key and card masters), broker host and port
    /// pointing at the embedded broker, and publishes the day's fare table and blacklist for it to download.
    /// </summary>
    public async Task<string> ProvisionTerminalAsync(uint terminalId, int routeId, string outDirectory, CancellationToken cancellation = default)
    {
        await PublishDayAsync(cancellation);
        var output = new StringWriter();
        ProvisioningCommands.TryRun(
            ["provision-terminal", "--id", terminalId.ToString(CultureInfo.InvariantCulture), "--out", outDirectory, "--route", routeId.ToString(CultureInfo.InvariantCulture),
                "--broker-host", "127.0.0.1", "--broker-port", BrokerPort.ToString(CultureInfo.InvariantCulture)],
            _app.Configuration, _app.Environment.ContentRootPath, output, out var exitCode, _ => null);
        return exitCode == 0 ? output.ToString() : throw new InvalidOperationException($"provision-terminal failed ({exitCode}): {output}");
    }

    /// <summary>The day's configuration in the downlink catalog: fare table version 2, signed by the backend, and a blacklist of cards reported lost.</summary>
    private async Task<DownlinkSigner> PublishDayAsync(CancellationToken cancellation)
    {
        var signer = _app.Services.GetRequiredService<DownlinkSigner>();
        var catalog = _app.Services.GetRequiredService<DownlinkCatalog>();
        var table = DemoFareTable.Builder(signer.KeyId, DateTimeOffset.UtcNow.ToUnixTimeSeconds() - 86400);
        table.Version = DownlinkFareTableVersion;
        await catalog.SetFareTableAsync(table.Build(data => signer.Signature(data)), Operator, cancellation);
        await catalog.PublishBlacklistAsync(
            Enumerable.Range(0, ReportedLostCards).Select(_ => BlacklistChange.ListCard(LostCardUid(), BlacklistReasons.Lost)), Operator, "reported lost before the day", cancellation);
        return signer;
    }

    /// <summary>
    /// A staff member with every role and a one-time password, for whoever watches this run in the browser: the data
    /// folder is thrown away afterwards, so is the account.
    /// </summary>
    public async Task<(string UserName, string OneTimePassword)> CreateViewerAsync(CancellationToken cancellation)
    {
        const string userName = "fleet-admin";
        var request = Backend.Ingest.Changes.ChangeRequests.Internal("staff.create", Operator, new { userName });
        await using var scope = _app.Services.CreateAsyncScope();
        var (outcome, password) = await scope.ServiceProvider.GetRequiredService<StaffAccounts>().CreateAsync(request, userName, StaffRoles.All, null, cancellation);
        return (userName, password ?? throw new InvalidOperationException($"The fleet's admin was not created: {outcome.Body}"));
    }

    public async Task RestartBrokerAsync(CancellationToken cancellation)
    {
        if (_mosquitto is not null)
        {
            throw new InvalidOperationException("Restarting the broker is a drill of the embedded broker; this backend runs on Mosquitto.");
        }

        var broker = _app.Services.GetRequiredService<EmbeddedBroker>();
        await broker.StopAsync(cancellation);
        await Task.Delay(TimeSpan.FromSeconds(1), cancellation);
        await broker.StartAsync(cancellation);
    }

    public Task<IReadOnlyList<StoredRecord>> ReadStoredAsync(CancellationToken cancellation) =>
        StoredRecordReader.ReadAsync(OpenStore(readOnly: true), cancellation);

    /// <summary>The payments and pending loads the backend stored, read straight from its database.</summary>
    public Task<StoredTopUps> ReadTopUpsAsync(CancellationToken cancellation) => StoredTopUpReader.ReadAsync(OpenStore(readOnly: true), cancellation);

    /// <summary>A connection of its own to the backend's database (not opened): the tally's readers, and a test that tampers with what they read.</summary>
    public DbConnection OpenStore(bool readOnly) => _postgres is null
        ? new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = SqlitePath, Mode = readOnly ? SqliteOpenMode.ReadOnly : SqliteOpenMode.ReadWrite, Pooling = false, DefaultTimeout = 30,
        }.ToString())
        : new NpgsqlConnection(_postgres);

    /// <summary>The same rows written straight into a fresh database of the same kind by the store's bulk path; returns the time it took.</summary>
    public async Task<TimeSpan> BaselineAsync(IReadOnlyList<StoredRecord> records, CancellationToken cancellation)
    {
        var database = _postgres is null
            ? StoreDatabase.Sqlite(Path.Combine(_dataDirectory, "baseline.db"))
            : StoreDatabase.Postgres(await FreshSchemaAsync(_postgres, _schemas, cancellation));
        SchemaMigrator.Migrate(database);
        await using (var store = database.CreateTransactionStore())
        {
            var receivedAt = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
            var scratch = new Terminal.Firmware.Journal.TxRecord();
            var rows = records.Select(r => TransactionRow.Decode(r.TerminalId, r.Record, 0, receivedAt, scratch)).ToList();
            var timer = System.Diagnostics.Stopwatch.StartNew();
            await store.BulkInsertAsync(rows, cancellation);
            return timer.Elapsed;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        if (_mosquitto is not null)
        {
            await _mosquitto.DisposeAsync();
        }

        if (_postgres is not null && _schemas.Count > 0)
        {
            await using var connection = new NpgsqlConnection(_postgres);
            await connection.OpenAsync();
            foreach (var schema in _schemas)
            {
                await using var drop = new NpgsqlCommand($"drop schema if exists {schema} cascade", connection);
                await drop.ExecuteNonQueryAsync();
            }
        }

        NpgsqlConnection.ClearAllPools();
        SqliteConnection.ClearAllPools();
        Directory.Delete(_dataDirectory, recursive: true);
    }

    /// <summary>
    /// A free loopback port for the embedded broker, chosen here rather than by the broker (port 0) so that the
    /// ingest worker finds it through configuration and a restarted broker listens where the terminals look.
    /// </summary>
    /// <summary>A loopback port free at this moment, for a server about to bind it.</summary>
    internal static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>A new schema in the given database, so every run starts empty; the connection string that uses it.</summary>
    private static async Task<string> FreshSchemaAsync(string connectionString, List<string> schemas, CancellationToken cancellation)
    {
        var schema = $"busfare_{Guid.NewGuid():N}";
        await using (var connection = new NpgsqlConnection(connectionString))
        {
            await connection.OpenAsync(cancellation);
            await using var create = new NpgsqlCommand($"create schema {schema}", connection);
            await create.ExecuteNonQueryAsync(cancellation);
        }

        schemas.Add(schema);
        return new NpgsqlConnectionStringBuilder(connectionString) { SearchPath = schema }.ToString();
    }

    /// <summary>A random 7-byte NXP-style UID (first byte 0x04): the day's cards count up from 1 with zero tails, so it is nobody's.</summary>
    private static byte[] LostCardUid()
    {
        var uid = System.Security.Cryptography.RandomNumberGenerator.GetBytes(7);
        uid[0] = 0x04;
        return uid;
    }
}
