using Terminal.Firmware.Fares;

namespace Backend.Ingest.Fares;

/// <summary>The names of a fare table draft's form fields, as the form posts them and refusals are shown next to them.</summary>
public static class FareDraftFields
{
    public const string ValidFrom = "Form.ValidFrom";
    public const string ValidUntil = "Form.ValidUntil";
    public const string UtcOffset = "Form.UtcOffset";
    public const string DayStart = "Form.DayStart";
    public const string MaxTransfers = "Form.MaxTransfers";
    public const string TransferWindow = "Form.TransferWindow";
    public const string Passback = "Form.Passback";
    public const string OverdraftMinBalance = "Form.OverdraftMinBalance";
    public const string OverdraftLimit = "Form.OverdraftLimit";
    public const string Languages = "Form.Languages";
    public const string ZoneCount = "Form.ZoneCount";
    public const string Routes = "Form.Routes";
    public const string Promotions = "Form.Promotions";

    public static string Route(int row) => $"Form.Routes[{row}]";

    public static string Zone(int cell) => $"Form.Zones[{cell}]";

    public static string Concession(CardType type) => $"Form.Concessions[{(int)type}]";

    public static string Promotion(int row) => $"Form.Promotions[{row}]";
}
