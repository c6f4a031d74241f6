namespace Terminal.NanoReplay.Replay
{
    /// <summary>What one recorded phase asks of the firmware; its journal records and outcome are compared after it.</summary>
    public enum ReplayPhaseKind
    {
        /// <summary>Power-on: reader init, journal recovery, blacklist and pending loads opened, fare tables verified.</summary>
        Boot = 1,

        /// <summary>One card held to the reader: one TapProcessor.Poll.</summary>
        CardTap = 2,

        /// <summary>One code shown to the scanner: QrScanProcessor.Poll until it gives a verdict.</summary>
        QrScan = 3,

        /// <summary>One signed downlink message handed to the agent.</summary>
        Downlink = 4,
    }
}
