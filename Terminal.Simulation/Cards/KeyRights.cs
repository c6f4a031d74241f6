namespace Terminal.Simulation.Cards;

/// <summary>Which authenticated key may perform an operation.</summary>
[Flags]
public enum KeyRights
{
    Never = 0,
    KeyA = 1,
    KeyB = 2,
    KeyAOrB = KeyA | KeyB,
}
