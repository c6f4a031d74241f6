using System.Globalization;
using System.Text.RegularExpressions;
using Xunit;

namespace Backend.Tests.Metrics;

/// <summary>A scrape in the Prometheus text format, parsed into its samples: name, raw label set, value.</summary>
internal sealed partial class PrometheusText
{
    private PrometheusText(IReadOnlyList<(string Name, string Labels, double Value)> samples) => Samples = samples;

    public IReadOnlyList<(string Name, string Labels, double Value)> Samples { get; }

    public IEnumerable<string> Names => Samples.Select(sample => sample.Name).Distinct();

    public static PrometheusText Parse(string text)
    {
        var samples = new List<(string, string, double)>();
        foreach (var line in text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (line.StartsWith('#'))
            {
                continue;
            }

            var match = Sample().Match(line);
            Assert.True(match.Success, $"not a Prometheus sample: {line}");
            samples.Add((match.Groups["name"].Value, match.Groups["labels"].Value,
                double.Parse(match.Groups["value"].Value, NumberStyles.Float, CultureInfo.InvariantCulture)));
        }

        return new PrometheusText(samples);
    }

    /// <summary>The one sample named <paramref name="name"/> whose labels contain <paramref name="label"/> (e.g. <c>terminal="5"</c>).</summary>
    public double Value(string name, string? label = null)
    {
        var matching = Samples.Where(s => s.Name == name && (label is null || s.Labels.Contains(label))).ToArray();
        Assert.True(matching.Length == 1, $"{matching.Length} samples of {name}{(label is null ? "" : $" with {label}")}");
        return matching[0].Value;
    }

    [GeneratedRegex(@"^(?<name>[a-zA-Z_:][a-zA-Z0-9_:]*)(\{(?<labels>.*)\})?\s+(?<value>\S+)(\s+\d+)?$")]
    private static partial Regex Sample();
}
