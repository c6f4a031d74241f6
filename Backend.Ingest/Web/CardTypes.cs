namespace Backend.Ingest.Web;

/// <summary>The concession a card carries (firmware CardType 0..4), as the desk pages name it.</summary>
public static class CardTypes
{
    private static readonly string[] Names = ["adult", "child", "student", "senior", "staff"];

    public static string Name(int cardType) => cardType >= 0 && cardType < Names.Length ? Names[cardType] : $"type {cardType}";
}
