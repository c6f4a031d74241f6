using Terminal.Firmware.Journal;

namespace Terminal.Firmware.Downlink
{
    /// <summary>The status and configuration topics beside the journal's (<see cref="UplinkTopics"/>); the terminal id in decimal.</summary>
    public static class DownlinkTopics
    {
        /// <summary>Terminal to backend, QoS 1, retained: <see cref="StatusCodec"/>; also the last will's topic.</summary>
        public static string Status(uint terminalId)
        {
            return UplinkTopics.Prefix + terminalId.ToString() + "/status";
        }

        /// <summary>Backend to terminal, QoS 1: <see cref="DownlinkCodec"/> messages.</summary>
        public static string Config(uint terminalId)
        {
            return UplinkTopics.Prefix + terminalId.ToString() + "/config";
        }
    }
}
