namespace Terminal.NanoReplay.Replay
{
    /// <summary>What a terminal is provisioned with for a recorded run: its identity and route, card secrets and trusted keys.</summary>
    public sealed class ReplayProvisioning
    {
        public int TerminalId;
        public int RouteId;
        public byte[] SectorKeyMaster = new byte[0];
        public byte[] MacMaster = new byte[0];
        public int BackendKeyId;
        public byte[] BackendPublicKey = new byte[0];

        /// <summary>The QR issuer's key; a device gets it by a keys downlink, the recorded runs trust it from boot.</summary>
        public int QrKeyId;
        public byte[] QrPublicKey = new byte[0];
    }
}
