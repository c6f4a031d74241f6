namespace Terminal.Simulation.Flash;

/// <summary>
/// The drive has no room for a write. It derives from <see cref="IOException"/> because that is what the
/// device's file system API throws (nanoFramework's mscorlib has <c>System.IO.IOException</c>), so firmware
/// catches <c>IOException</c> and reports a full drive; nothing of the refused write reaches the flash.
/// </summary>
public sealed class FlashFullException(string message) : IOException(message);
