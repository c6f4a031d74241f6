using System.Text.RegularExpressions;
using Backend.Tests.Infrastructure;
using Backend.Tests.Ingest;
using Backend.Tests.Storage;
using Xunit;

namespace Backend.Tests.Metrics;

/// <summary>
/// docs/monitoring/alerts.yml, the sample Prometheus rules: every rule is complete, and every series its expression
/// names is one a running backend exports after traffic (a renamed metric would leave an alert that never fires).
/// </summary>
public sealed partial class AlertRulesTests
{
    private static readonly string[] Lines = File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, "Metrics", "alerts.yml"));

    [Fact]
    public void EveryRuleHasAnExpressionADurationASeverityAndASummary()
    {
        var rules = Rules();
        Assert.True(rules.Count >= 8, $"{rules.Count} rules");
        Assert.Equal(rules.Count, rules.Select(rule => rule.Name).Distinct().Count());
        foreach (var rule in rules)
        {
            Assert.True(rule.Body.Any(line => line.StartsWith("expr:")), $"{rule.Name} has no expr");
            Assert.True(rule.Body.Any(line => line.StartsWith("for:")), $"{rule.Name} has no for");
            Assert.True(rule.Body.Any(line => Regex.IsMatch(line, "^severity: (page|ticket)$")), $"{rule.Name} has no severity page or ticket");
            Assert.True(rule.Body.Any(line => line.StartsWith("summary:")), $"{rule.Name} has no summary");
            Assert.True(rule.Body.Any(line => line.StartsWith("runbook:") && line.Contains("docs/runbook.md#")), $"{rule.Name} names no runbook row");
            // The backend's own series, or Prometheus's up of the backend's scrape job.
            Assert.True(MetricNames(rule).Count > 0 || Expression(rule).Contains("up{job=\"busfare\"}"), $"{rule.Name} names no series of the backend");
        }
    }

    [Fact]
    public async Task EverySeriesTheRulesNameIsExportedByTheBackendAfterTraffic()
    {
        var database = await Ingest.TestDatabase.CreateAsync("sqlite");
        await using var broker = await MosquittoBroker.StartAsync();
        await using var ingest = await IngestHost.StartAsync(broker.Port, database);
        using var http = new HttpClient { BaseAddress = new Uri(ingest.WebAddress) };
        await using var terminal = await RawTerminal.ConnectAsync(broker.Port, 51);
        await terminal.PublishBatchAsync(Batches.Sealed(51, 1, 4));
        await terminal.WaitForAckAsync(4);
        await terminal.PublishAsync(Terminal.Firmware.Downlink.DownlinkTopics.Status(51), MetricsScrapeTests.StatusPayload(51, backlog: 2));
        var named = Rules().SelectMany(rule => MetricNames(rule).Select(name => (Rule: rule.Name, Series: name))).ToArray();
        // The batch and the status reach their consumers asynchronously: scrape until every series shows, then name those that never did.
        var deadline = DateTime.UtcNow.AddSeconds(30);
        string[] missing;
        do
        {
            var exported = (await MetricsScrapeTests.ScrapeAsync(http)).Names.ToHashSet();
            missing = named.Where(pair => !exported.Contains(pair.Series)).Select(pair => $"{pair.Rule} names {pair.Series}, which the backend does not export").ToArray();
            await Task.Delay(missing.Length == 0 ? 0 : 100);
        }
        while (missing.Length > 0 && DateTime.UtcNow < deadline);

        Assert.True(missing.Length == 0, string.Join("; ", missing));
    }

    private static List<(string Name, List<string> Body)> Rules()
    {
        var rules = new List<(string Name, List<string> Body)>();
        foreach (var line in Lines.Select(line => line.Trim()))
        {
            if (line.StartsWith("- alert:"))
            {
                rules.Add((line["- alert:".Length..].Trim(), []));
            }
            else if (rules.Count > 0 && line.Length > 0)
            {
                rules[^1].Body.Add(line);
            }
        }

        return rules;
    }

    /// <summary>The busfare_ series in the rule's expression.</summary>
    private static IReadOnlyList<string> MetricNames((string Name, List<string> Body) rule) =>
        Series().Matches(Expression(rule)).Select(match => match.Value).Distinct().ToArray();

    /// <summary>The rule's expression, which may run over several lines after "expr: |".</summary>
    private static string Expression((string Name, List<string> Body) rule)
    {
        var start = rule.Body.FindIndex(line => line.StartsWith("expr:"));
        return string.Join('\n', rule.Body.Skip(start).TakeWhile((line, i) => i == 0 || !Regex.IsMatch(line, "^[a-z_]+:( |$)")));
    }

    [GeneratedRegex(@"\bbusfare_[a-z0-9_]+")]
    private static partial Regex Series();
}
