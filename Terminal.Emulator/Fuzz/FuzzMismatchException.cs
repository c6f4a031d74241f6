namespace Terminal.Emulator.Fuzz;

/// <summary>An input a parser accepted but could not carry through a round trip unchanged: a defect, not a refusal.</summary>
public sealed class FuzzMismatchException(string message) : Exception(message)
{
    public static void Check(bool holds, string what)
    {
        if (!holds)
        {
            throw new FuzzMismatchException(what);
        }
    }
}
