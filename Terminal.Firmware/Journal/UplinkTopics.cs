namespace Terminal.Firmware.Journal
{
    /// <summary>The MQTT topics of the journal's uplink; the terminal id is written in decimal.</summary>
    public static class UplinkTopics
    {
        public const string Prefix = "fare/v1/terminals/";

        /// <summary>Terminal to backend, QoS 1: batches (<see cref="BatchCodec"/>).</summary>
        public static string Transactions(uint terminalId)
        {
            return Prefix + terminalId.ToString() + "/tx";
        }

        /// <summary>Backend to terminal, QoS 1: acks (<see cref="AckCodec"/>), published after the commit.</summary>
        public static string Acks(uint terminalId)
        {
            return Prefix + terminalId.ToString() + "/ack";
        }
    }
}
