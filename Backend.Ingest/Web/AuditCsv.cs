using System.Globalization;
using System.Text;
using Backend.Ingest.Identity;

namespace Backend.Ingest.Web;

/// <summary>
/// The audit log as CSV (RFC 4180: comma-separated, fields quoted, quotes doubled, CRLF). A field a spreadsheet would
/// run as a formula (starting with =, +, -, @, tab or CR) gets a leading apostrophe (OWASP, "CSV Injection").
/// </summary>
public static class AuditCsv
{
    public static string Write(IEnumerable<AuditLog.Entry> entries)
    {
        var csv = new StringBuilder("id,at_utc,actor,action,subject,reason,detail\r\n");
        foreach (var entry in entries)
        {
            csv.AppendJoin(',', new[]
            {
                entry.Id.ToString(CultureInfo.InvariantCulture),
                entry.At.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture),
                entry.Actor, entry.Action, entry.Subject, entry.Reason ?? "", entry.Detail ?? "",
            }.Select(Field));
            csv.Append("\r\n");
        }

        return csv.ToString();
    }

    private static string Field(string value)
    {
        var safe = value.Length > 0 && value[0] is '=' or '+' or '-' or '@' or '\t' or '\r' ? "'" + value : value;
        return $"\"{safe.Replace("\"", "\"\"")}\"";
    }
}
