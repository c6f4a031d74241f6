namespace Terminal.Simulation.Rf;

/// <summary>
/// Lets the field see whether a card is selected (ACTIVE), so that MFAuthent, which the field
/// runs as one call, engages only the selected card as on the real air. Cards without it are
/// assumed to take part.
/// </summary>
public interface IActivationState
{
    bool IsActive { get; }
}
