namespace Terminal.Drivers.Mfrc522
{
    /// <summary>RFCfgReg RxGain codes (datasheet Table 98): more gain reads cards further away but hears more noise.</summary>
    public enum ReceiverGain
    {
        Db18 = 0,
        Db23 = 1,
        Db33 = 4,
        Db38 = 5,
        Db43 = 6,
        Db48 = 7,
    }
}
