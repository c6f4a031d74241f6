namespace Terminal.Simulation.Flash;

/// <summary>
/// Thrown by every <see cref="SimulatedFlash"/> operation from the moment an armed power cut fires until
/// <see cref="SimulatedFlash.PowerOn"/>: the code under test stops exactly where the device would have died.
/// Firmware must not catch it (it stands for the CPU losing power, not for an error).
/// </summary>
public sealed class PowerCutException(string message) : Exception(message);
