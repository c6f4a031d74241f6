using Backend.Ingest.Downlink;
using Backend.Ingest.Storage.Schema;
using Microsoft.Extensions.Options;
using Terminal.Firmware.Fares;

namespace Backend.Ingest.Ledger;

/// <summary>
/// Runs <see cref="QrCapSettlement"/> every Backend:Ledger:SettleSeconds over the QR charges posted since its last
/// pass (looking back a minute more, for groups that committed late; the step is idempotent, so overlap is free),
/// against the current fare table of the downlink catalog, parsed with the firmware's own parser. Without a fare
/// table there is no cap to apply, and nothing runs. It starts once the schema is migrated.
/// </summary>
internal sealed class QrSettlementService(
    QrCapSettlement settlement, SchemaReadiness schema, IServiceProvider services, IOptions<LedgerOptions> options, TimeProvider clock,
    ILogger<QrSettlementService> log)
    : BackgroundService
{
    /// <summary>How far back the first pass after a start looks: charges posted while no settler ran.</summary>
    public static readonly TimeSpan FirstLookBack = TimeSpan.FromDays(2);

    public static readonly TimeSpan LookBack = TimeSpan.FromMinutes(1);

    private uint? _parsedVersion;
    private FareTable? _fares;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await schema.WaitAsync(stoppingToken);
        var since = clock.GetUtcNow() - FirstLookBack;
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(Math.Max(1, options.Value.SettleSeconds)), clock);
        do
        {
            var passStart = clock.GetUtcNow();
            try
            {
                if (CurrentFares() is { } fares)
                {
                    var refunded = await settlement.SettleAsync(fares, since.ToUnixTimeMilliseconds(), stoppingToken);
                    if (refunded > 0)
                    {
                        log.LogInformation("QR settlement refunded {Cents} cents above the daily cap", refunded);
                    }
                }

                since = passStart - LookBack;
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                log.LogWarning(e, "QR settlement pass failed; the next pass covers it again");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    private FareTable? CurrentFares()
    {
        if (services.GetService<DownlinkCatalog>()?.FareTable is not { } current)
        {
            return null;
        }

        if (_parsedVersion != current.Version)
        {
            var table = new FareTable();
            _fares = FareTableParser.Parse(current.Table, 0, current.Table.Length, table) == FareTableStatus.Loaded ? table : null;
            _parsedVersion = current.Version;
        }

        return _fares;
    }
}
