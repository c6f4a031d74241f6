using System.Globalization;
using System.Reflection;
using Backend.Ingest.Api;

namespace Backend.Ingest.Web;

/// <summary>
/// A report's rows as the reports page shows them: one column per property of the row type (the CSV's columns, in
/// the same order), headed in words, amounts (the properties ending in Cents) in euros, days as yyyy-MM-dd. The
/// row's <c>Group</c> key is left out, as its <c>Name</c> says the same to a reader.
/// </summary>
public sealed record ReportTable(IReadOnlyList<ReportTable.Column> Columns, IReadOnlyList<IReadOnlyList<string>> Rows)
{
    private const string CentsSuffix = "Cents";

    public sealed record Column(string Header, bool Numeric);

    public static ReportTable Of(IReadOnlyList<object> rows, Type rowType)
    {
        var properties = rowType.GetProperties().Where(property => property.Name != "Group").ToArray();
        return new ReportTable(
            properties.Select(property => new Column(Header(property.Name), property.PropertyType == typeof(long))).ToArray(),
            rows.Select(row => (IReadOnlyList<string>)properties.Select(property => Cell(property, row)).ToArray()).ToArray());
    }

    /// <summary>"CardFaresCents" reads "Card fares (€)", "QrBoardings" "QR boardings", "CashTopUpsCents" "Cash top-ups (€)".</summary>
    public static string Header(string property)
    {
        var euros = property.EndsWith(CentsSuffix, StringComparison.Ordinal);
        var name = euros ? property[..^CentsSuffix.Length] : property;
        var words = string.Concat(name.Select((letter, i) => i > 0 && char.IsUpper(letter) ? " " + char.ToLowerInvariant(letter) : letter.ToString()));
        words = words.Replace("Qr", "QR", StringComparison.Ordinal).Replace(" qr", " QR", StringComparison.Ordinal)
            .Replace(" ups", "-ups", StringComparison.Ordinal).Replace(" offs", "-offs", StringComparison.Ordinal);
        return euros ? $"{words} (€)" : words;
    }

    /// <summary>One figure of a row as shown: a day, euros, a count or a name.</summary>
    public static string Cell(PropertyInfo property, object row) => property.GetValue(row) switch
    {
        DateOnly day => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        long cents when property.Name.EndsWith(CentsSuffix, StringComparison.Ordinal) => MinorUnits.Format(cents),
        long count => count.ToString(CultureInfo.InvariantCulture),
        var other => Convert.ToString(other, CultureInfo.InvariantCulture) ?? "",
    };
}
