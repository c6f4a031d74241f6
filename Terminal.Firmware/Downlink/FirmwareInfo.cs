namespace Terminal.Firmware.Downlink
{
    /// <summary>The firmware's own version, reported in the status and journaled at boot; raise it with every release.</summary>
    public static class FirmwareInfo
    {
        public const uint Version = 1;
    }
}
