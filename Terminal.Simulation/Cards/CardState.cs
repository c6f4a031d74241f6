namespace Terminal.Simulation.Cards;

/// <summary>The ISO/IEC 14443-3 Type A activation states.</summary>
public enum CardState
{
    Idle,
    Ready,
    Active,
    Halt,
}
