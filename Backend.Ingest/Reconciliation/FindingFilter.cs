using Backend.Ingest.Api;

namespace Backend.Ingest.Reconciliation;

/// <summary>What GET /api/findings asked for, already validated: every filter optional, the limit within bounds.</summary>
public sealed record FindingFilter(string? Status, string? Rule, string? CardUid, long? AccountId, int Limit)
{
    public static readonly IReadOnlyList<string> Statuses = ["open", "confirmed", "dismissed"];

    public static FindingFilter? Parse(string? status, string? rule, string? card, string? account, string? limit, out Dictionary<string, string[]> errors)
    {
        errors = [];
        if (status is not null && !Statuses.Contains(status))
        {
            errors["status"] = [$"status '{status}' is not one of {string.Join(", ", Statuses)}."];
        }

        if (rule is not null && FindingRule.Named(rule) is null)
        {
            errors["rule"] = [$"rule '{rule}' is not a rule: {string.Join(", ", FindingRule.All.Select(r => r.Name))}."];
        }

        string? cardUid = null;
        if (card is not null && !Api.CardUid.TryNormalize(card, out cardUid))
        {
            errors["card"] = [$"card '{card}' is not a card UID: {Api.CardUid.Rule}."];
        }

        long? accountId = null;
        if (account is not null)
        {
            if (uint.TryParse(account, out var id) && id > 0)
            {
                accountId = id;
            }
            else
            {
                errors["account"] = [$"account '{account}' is not an account id: a whole number from 1 to 4294967295."];
            }
        }

        var rows = TransactionFilter.ParseLimit(limit, TransactionFilter.DefaultLimit, errors);
        return errors.Count == 0 ? new FindingFilter(status, rule, cardUid, accountId, rows) : null;
    }
}
