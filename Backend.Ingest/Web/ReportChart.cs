using Backend.Ingest.Reports;

namespace Backend.Ingest.Web;

/// <summary>
/// What the reports page draws of a report with Chart.js: a chart type, labels (one per row) and a series per figure
/// chosen below, read from the same rows as the table beside it. Amounts go to the chart in euros (cents / 100).
/// </summary>
public sealed record ReportChart(string Type, bool Stacked, string Label, IReadOnlyList<string> Labels, IReadOnlyList<ReportChart.Series> Data)
{
    public sealed record Series(string Label, IReadOnlyList<double> Values);

    private sealed record Shape(string Type, bool Stacked, string LabelProperty, string[] SeriesProperties);

    /// <summary>Per report: the chart type, whether its series stack, the row property naming each bar, and the figures drawn.</summary>
    private static readonly Dictionary<string, Shape> Shapes = new(StringComparer.Ordinal)
    {
        ["revenue-by-day"] = new("bar", false, nameof(RevenueDay.Day), [nameof(RevenueDay.CardFaresCents), nameof(RevenueDay.QrFaresCents), nameof(RevenueDay.NetRevenueCents)]),
        ["ridership-by-day"] = new("bar", true, nameof(RideTotals.Name), [nameof(RideTotals.CardBoardings), nameof(RideTotals.QrBoardings)]),
        ["routes"] = new("bar", false, nameof(RideTotals.Name), [nameof(RideTotals.NetFaresCents)]),
        ["concessions"] = new("bar", true, nameof(RideTotals.Name), [nameof(RideTotals.CardBoardings), nameof(RideTotals.QrBoardings)]),
        ["payment-kinds"] = new("doughnut", false, nameof(PaymentKindTotal.Kind), [nameof(PaymentKindTotal.AmountCents)]),
        ["hours"] = new("bar", true, nameof(RideTotals.Name), [nameof(RideTotals.CardBoardings), nameof(RideTotals.QrBoardings)]),
        ["top-ups-and-refunds"] = new("bar", false, nameof(TopUpRefundDay.Day),
            [nameof(TopUpRefundDay.CashTopUpsCents), nameof(TopUpRefundDay.PaymentTopUpsCents), nameof(TopUpRefundDay.RefundsCents)]),
    };

    /// <summary>The chart of <paramref name="report"/> over its <paramref name="rows"/>; null for a report with no chart defined.</summary>
    public static ReportChart? Of(ReportDefinition report, IReadOnlyList<object> rows)
    {
        if (!Shapes.TryGetValue(report.Name, out var shape))
        {
            return null;
        }

        var label = report.RowType.GetProperty(shape.LabelProperty)!;
        return new ReportChart(
            shape.Type,
            shape.Stacked,
            report.Title,
            rows.Select(row => ReportTable.Cell(label, row)).ToArray(),
            shape.SeriesProperties.Select(name =>
            {
                var property = report.RowType.GetProperty(name)!;
                var euros = name.EndsWith("Cents", StringComparison.Ordinal);
                return new Series(ReportTable.Header(name), rows.Select(row => (long)property.GetValue(row)! / (euros ? 100.0 : 1.0)).ToArray());
            }).ToArray());
    }
}
