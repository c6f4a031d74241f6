namespace Backend.Ingest.Api;

/// <summary>A card's UID as the store keeps it: 4, 7 or 10 bytes in uppercase hex, no separators.</summary>
internal static class CardUid
{
    public const string Rule = "a card UID is 4, 7 or 10 bytes written as 8, 14 or 20 hex digits, e.g. 04A1B2C3D4E5F6";

    public static bool TryNormalize(string? text, out string uid)
    {
        uid = "";
        if (text is null || text.Length is not (8 or 14 or 20) || !text.All(char.IsAsciiHexDigit))
        {
            return false;
        }

        uid = text.ToUpperInvariant();
        return true;
    }
}
