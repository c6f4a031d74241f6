using System.Text.Json;
using Backend.Tests.Api;

namespace Backend.Tests.Reconciliation;

/// <summary>A row of <c>findings</c> as the tests read it back, evidence parsed.</summary>
internal sealed record StoredFinding(long Id, string Rule, string? CardUid, long? AccountId, string Status, string Action, string? DecidedBy, JsonElement Evidence)
{
    public static async Task<IReadOnlyList<StoredFinding>> AllAsync(TestDatabase database)
    {
        var findings = new List<StoredFinding>();
        await using var command = database.DataSource.CreateCommand(
            "select finding_id, rule, card_uid, account_id, status, action, decided_by, evidence from findings order by finding_id");
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            findings.Add(new StoredFinding(
                reader.GetInt64(0), reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetString(2), reader.IsDBNull(3) ? null : reader.GetInt64(3),
                reader.GetString(4), reader.GetString(5), reader.IsDBNull(6) ? null : reader.GetString(6),
                JsonDocument.Parse(reader.GetString(7)).RootElement.Clone()));
        }

        return findings;
    }

    /// <summary>The (terminal, sequence) of each record of the evidence, as "terminal/sequence".</summary>
    public IReadOnlyList<string> RecordKeys => Evidence.GetProperty("records").EnumerateArray()
        .Select(r => $"{r.GetProperty("terminal").GetUInt32()}/{r.GetProperty("sequence").GetUInt32()}").ToArray();

    public long Figure(string name) => Evidence.GetProperty("figures").GetProperty(name).GetInt64();
}
