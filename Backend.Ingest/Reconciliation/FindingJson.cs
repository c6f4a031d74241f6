using System.Text.Json;

namespace Backend.Ingest.Reconciliation;

/// <summary>How evidence is written to <c>findings.evidence</c>: the API's web conventions (camelCase).</summary>
internal static class FindingJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);
}
