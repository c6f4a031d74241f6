using System.Globalization;
using System.Text;

namespace Backend.Ingest.Payments;

/// <summary>
/// The payout report as a provider hands it over: CSV (RFC 4180 without quoting: no field holds a comma) with the
/// header <c>type,payment_id,provider_ref,gross,fee,net,created_at</c>; type <c>charge</c> or <c>refund</c>; amounts in
/// cents (a refund's gross and net negative); created_at in ISO 8601 UTC.
/// </summary>
public static class PayoutReportCsv
{
    public const string Header = "type,payment_id,provider_ref,gross,fee,net,created_at";

    public static string Write(IEnumerable<PayoutLine> lines)
    {
        var csv = new StringBuilder().Append(Header).Append('\n');
        foreach (var line in lines)
        {
            csv.Append(CultureInfo.InvariantCulture, $"{line.Type},{line.PaymentId},{line.PaymentRef},{line.Gross},{line.Fee},{line.Net},{line.At.UtcDateTime:yyyy-MM-ddTHH:mm:ss.fffZ}\n");
        }

        return csv.ToString();
    }

    /// <summary>The report's lines; a <see cref="FormatException"/> naming the line when it is not such a report.</summary>
    public static IReadOnlyList<PayoutLine> Parse(string csv)
    {
        var rows = csv.Replace("\r\n", "\n").Split('\n', StringSplitOptions.RemoveEmptyEntries);
        if (rows.Length == 0 || rows[0] != Header)
        {
            throw new FormatException($"the payout report does not start with the header '{Header}'");
        }

        var lines = new List<PayoutLine>();
        for (var i = 1; i < rows.Length; i++)
        {
            var fields = rows[i].Split(',');
            if (fields.Length != 7
                || fields[0] is not (PayoutLine.Charge or PayoutLine.Refund)
                || !long.TryParse(fields[3], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var gross)
                || !long.TryParse(fields[4], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var fee)
                || !long.TryParse(fields[5], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var net)
                || !DateTimeOffset.TryParse(fields[6], CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at)
                || gross - fee != net)
            {
                throw new FormatException($"line {i + 1} of the payout report is not 'type,payment_id,provider_ref,gross,fee,net,created_at' with gross - fee = net: '{rows[i]}'");
            }

            lines.Add(new PayoutLine(fields[0], Empty(fields[1]), Empty(fields[2]), gross, fee, net, at));
        }

        return lines;
    }

    private static string? Empty(string field) => field.Length == 0 ? null : field;
}
