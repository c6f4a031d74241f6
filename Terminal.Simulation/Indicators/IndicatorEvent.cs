namespace Terminal.Simulation.Indicators;

/// <summary>One visible or audible change: a pin turned on or off ("on"/"off"), or a display row's new text.</summary>
public sealed record IndicatorEvent(long Microseconds, string Device, string Value);
