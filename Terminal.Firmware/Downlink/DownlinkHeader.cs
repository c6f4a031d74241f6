namespace Terminal.Firmware.Downlink
{
    /// <summary>The fields of one downlink message (<see cref="DownlinkCodec"/>); refilled for every message.</summary>
    public sealed class DownlinkHeader
    {
        public DownlinkKind Kind;

        /// <summary>The terminal the message is for; 0 for any.</summary>
        public uint TargetTerminal;

        public uint FromVersion;

        public uint ToVersion;

        /// <summary>The backend's clock when it signed, unix seconds.</summary>
        public long IssuedAt;

        /// <summary>Where the body starts in the decoded buffer.</summary>
        public int BodyOffset;

        public int BodyLength;

        public int KeyId;

        /// <summary>Bytes covered by the signature, from the message's first byte.</summary>
        public int SignedLength;

        public int SignatureOffset;
    }
}
