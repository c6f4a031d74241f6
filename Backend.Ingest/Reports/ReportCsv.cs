using System.Globalization;
using CsvHelper;

namespace Backend.Ingest.Reports;

/// <summary>
/// A report's rows as RFC 4180 CSV (CsvHelper): a header of the row's property names, one record per row, days as
/// yyyy-MM-dd, amounts as whole cents (the columns ending in Cents), numbers in the invariant culture.
/// </summary>
public static class ReportCsv
{
    public const string ContentType = "text/csv; charset=utf-8";

    public static string Write(IReadOnlyList<object> rows, Type rowType)
    {
        var columns = rowType.GetProperties();
        using var text = new StringWriter(CultureInfo.InvariantCulture);
        using (var csv = CsvWriter.Create(text, null, leaveOpen: true))
        {
            csv.WriteHeader(columns.Select(column => column.Name).ToArray());
            foreach (var row in rows)
            {
                foreach (var column in columns)
                {
                    if (column.GetValue(row) is DateOnly day)
                    {
                        csv.WriteField(day, "yyyy-MM-dd");
                    }
                    else
                    {
                        csv.WriteField(column.GetValue(row));
                    }
                }

                csv.EndRecord();
            }

            csv.Flush();
        }

        return text.ToString();
    }

    public static string FileName(ReportDefinition report, ReportRange range) =>
        string.Create(CultureInfo.InvariantCulture, $"{report.Name}-{range.From:yyyy-MM-dd}-{range.To:yyyy-MM-dd}.csv");
}
