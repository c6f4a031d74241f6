using System.Globalization;
using Backend.Ingest.Loads;
using Terminal.Firmware.Blacklist;
using Terminal.Firmware.Downlink;
using Terminal.Firmware.Journal;

namespace Backend.Ingest.Downlink;

/// <summary>
/// Decides, from a terminal's status, which downlink messages it lacks and signs them: the key set when the
/// terminal's is older, the time when its clock is off, the fare table when its version is older, and the blacklist
/// as ONE combined delta from its version to the latest (split only where a message would exceed
/// <see cref="DownlinkCodec.MaxMessageBytes"/>), or a snapshot when it has none, is too far behind the kept history,
/// or reports a version the catalog does not know; the pending-load list likewise (<see cref="PendingLoadListCatalog"/>). Each message costs the terminal one Ed25519 verification, so
/// fewer messages make a faster catch-up. Independent of the MQTT client: it publishes through a delegate.
/// </summary>
public sealed class DownlinkPlanner(DownlinkCatalog catalog, DownlinkSigner signer, TimeProvider? time = null, PendingLoadListCatalog? pendingLoads = null)
{
    private readonly TimeProvider _time = time ?? TimeProvider.System;

    /// <summary>Publishes one message at QoS 1, not retained (each is addressed to the terminal that asked).</summary>
    public delegate Task Publish(string topic, byte[] payload, CancellationToken cancellationToken);

    /// <summary>
    /// The handler for a message on <c>fare/v1/terminals/{id}/status</c>: decodes it, checks the id against the
    /// topic, and publishes what that terminal lacks on its config topic. An offline status asks for nothing.
    /// </summary>
    public async Task<DownlinkPlan> OnStatusAsync(string topic, ReadOnlyMemory<byte> payload, Publish publish, CancellationToken cancellationToken = default)
    {
        var report = new TerminalStatusReport();
        var bytes = payload.ToArray();
        var decoded = StatusCodec.Decode(bytes, 0, bytes.Length, report);
        if (decoded != WireStatus.Ok)
        {
            return DownlinkPlan.Refused($"status on {topic} does not decode: {decoded}");
        }

        if (!TryTerminalOf(topic, out uint terminal) || terminal != report.TerminalId)
        {
            return DownlinkPlan.Refused($"status of terminal {report.TerminalId} on {topic}");
        }

        if (!report.Online)
        {
            return DownlinkPlan.Empty;
        }

        var plan = Plan(report);
        foreach (var message in plan.Messages)
        {
            await publish(message.Topic, message.Payload, cancellationToken);
        }

        return plan;
    }

    public DownlinkPlan Plan(TerminalStatusReport status)
    {
        var messages = new List<PlannedMessage>();
        var problems = new List<string>();
        string topic = DownlinkTopics.Config(status.TerminalId);
        long now = _time.GetUtcNow().ToUnixTimeSeconds();

        var (keysVersion, keys) = catalog.Keys;
        if (keysVersion > status.KeysVersion)
        {
            var body = new byte[KeySetBody.LengthFor(keys.Count)];
            KeySetBody.Write(keys.Select(k => k.KeyId).ToArray(), keys.Select(k => k.PublicKey).ToArray(), body, 0);
            messages.Add(Sign(topic, DownlinkKind.Keys, status, status.KeysVersion, keysVersion, now, body));
        }

        if (Math.Abs(status.ClockUnixSeconds - now) > TimeSync.ToleranceSeconds)
        {
            var body = new byte[TimeBody.Size];
            TimeBody.Write(status.UptimeSeconds, body, 0);
            messages.Add(Sign(topic, DownlinkKind.Time, status, 0, 0, now, body));
        }

        if (catalog.FareTable is var (table, tableVersion) && tableVersion > status.FareTableVersion)
        {
            messages.Add(Sign(topic, DownlinkKind.FareTable, status, status.FareTableVersion, tableVersion, now, table));
        }

        PlanBlacklist(status, topic, now, messages, problems);
        if (pendingLoads?.PlanFor(status.PendingLoadsVersion) is { } loads)
        {
            if (loads.Body.Length > DownlinkCodec.MaxBodyBytes)
            {
                problems.Add($"the pending-load list of version {loads.ToVersion} takes {loads.Body.Length} bytes, more than one downlink message carries ({DownlinkCodec.MaxBodyBytes})");
            }
            else
            {
                messages.Add(Sign(topic, loads.Kind, status, loads.FromVersion, loads.ToVersion, now, loads.Body));
            }
        }

        return new DownlinkPlan(messages, problems);
    }

    private void PlanBlacklist(TerminalStatusReport status, string topic, long now, List<PlannedMessage> messages, List<string> problems)
    {
        uint latest = catalog.BlacklistVersion;
        if (latest == status.BlacklistVersion)
        {
            return;
        }

        if (status.BlacklistVersion > latest)
        {
            problems.Add($"terminal {status.TerminalId} reports blacklist version {status.BlacklistVersion}, newer than the catalog's {latest}");
        }

        var catchUp = catalog.ChangesSince(status.BlacklistVersion);
        if (catchUp is not null && TryPlanDeltas(status, topic, now, catchUp, messages))
        {
            return;
        }

        var (version, listings) = catalog.Snapshot();
        var body = SectionOf(listings);
        if (body.Length > DownlinkCodec.MaxBodyBytes)
        {
            problems.Add($"the blacklist snapshot of version {version} takes {body.Length} bytes, more than one downlink message carries ({DownlinkCodec.MaxBodyBytes}); load it in the depot");
            return;
        }

        messages.Add(Sign(topic, DownlinkKind.BlacklistSnapshot, status, status.BlacklistVersion, version, now, body));
    }

    /// <summary>Combined deltas, as few as the message size allows; false when one version alone is too large for a message.</summary>
    private bool TryPlanDeltas(TerminalStatusReport status, string topic, long now, BlacklistCatchUp catchUp, List<PlannedMessage> messages)
    {
        var sections = catchUp.Versions.Select(SectionOf).ToList();
        if (sections.Any(s => s.Length > DownlinkCodec.MaxBodyBytes))
        {
            return false;
        }

        uint from = catchUp.FromVersion;
        var body = new List<byte>();
        for (int i = 0; i < sections.Count; i++)
        {
            if (body.Count + sections[i].Length > DownlinkCodec.MaxBodyBytes)
            {
                uint to = catchUp.FromVersion + (uint)i;
                messages.Add(Sign(topic, DownlinkKind.BlacklistDelta, status, from, to, now, body.ToArray()));
                from = to;
                body.Clear();
            }

            body.AddRange(sections[i]);
        }

        messages.Add(Sign(topic, DownlinkKind.BlacklistDelta, status, from, catchUp.ToVersion, now, body.ToArray()));
        return true;
    }

    private static byte[] SectionOf(IReadOnlyList<BlacklistChange> changes)
    {
        var set = new BlacklistChanges();
        foreach (var change in changes)
        {
            bool added = change.Reason == 0 ? set.Remove(change.Kind, change.Key, 0) : set.List(change.Kind, change.Key, 0, change.Reason);
            if (!added)
            {
                throw new InvalidOperationException($"The catalog holds an invalid blacklist change for {change.Kind} {change.KeyHex}.");
            }
        }

        var section = new byte[BlacklistBody.SectionLength(set)];
        BlacklistBody.WriteSection(set, section, 0);
        return section;
    }

    private PlannedMessage Sign(string topic, DownlinkKind kind, TerminalStatusReport status, uint from, uint to, long now, byte[] body) =>
        new(topic, kind, from, to, signer.Sign(kind, status.TerminalId, from, to, now, body));

    private static bool TryTerminalOf(string topic, out uint terminal)
    {
        terminal = 0;
        const string suffix = "/status";
        return topic.StartsWith(UplinkTopics.Prefix, StringComparison.Ordinal) && topic.EndsWith(suffix, StringComparison.Ordinal)
            && uint.TryParse(topic.AsSpan(UplinkTopics.Prefix.Length, topic.Length - UplinkTopics.Prefix.Length - suffix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out terminal);
    }
}

/// <summary>The messages planned for one status, and anything the operator should know (a snapshot too large...).</summary>
public sealed record DownlinkPlan(IReadOnlyList<PlannedMessage> Messages, IReadOnlyList<string> Problems)
{
    public static DownlinkPlan Empty { get; } = new([], []);

    public static DownlinkPlan Refused(string problem) => new([], [problem]);
}
