namespace Terminal.Drivers.Mfrc522
{
    /// <summary>The MFRC522 registers and bits this driver uses (NXP datasheet §9).</summary>
    internal static class Mfrc522Registers
    {
        public const byte Command = 0x01;
        public const byte ComIrq = 0x04;
        public const byte DivIrq = 0x05;
        public const byte Error = 0x06;
        public const byte Status2 = 0x08;
        public const byte FifoData = 0x09;
        public const byte FifoLevel = 0x0A;
        public const byte Control = 0x0C;
        public const byte BitFraming = 0x0D;
        public const byte Coll = 0x0E;
        public const byte Mode = 0x11;
        public const byte TxMode = 0x12;
        public const byte RxMode = 0x13;
        public const byte TxControl = 0x14;
        public const byte TxAsk = 0x15;
        public const byte CrcResultH = 0x21;
        public const byte CrcResultL = 0x22;
        public const byte RfCfg = 0x26;
        public const byte TMode = 0x2A;
        public const byte TPrescaler = 0x2B;
        public const byte TReloadH = 0x2C;
        public const byte TReloadL = 0x2D;
        public const byte Version = 0x37;

        // CommandReg
        public const byte Idle = 0x00;
        public const byte CalcCrc = 0x03;
        public const byte Transceive = 0x0C;
        public const byte MfAuthent = 0x0E;
        public const byte SoftReset = 0x0F;
        public const byte PowerDown = 0x10;

        // ComIrqReg; writing ClearAllIrqs (bit 7 = 0) clears every one
        public const byte RxIrq = 0x20;
        public const byte IdleIrq = 0x10;
        public const byte TimerIrq = 0x01;
        public const byte ClearAllIrqs = 0x7F;

        // DivIrqReg
        public const byte CrcIrq = 0x04;

        // ErrorReg
        public const byte BufferOvfl = 0x10;
        public const byte CollErr = 0x08;
        public const byte CrcErr = 0x04;
        public const byte ParityErr = 0x02;
        public const byte ProtocolErr = 0x01;

        // Status2Reg
        public const byte MfCrypto1On = 0x08;

        // FIFOLevelReg
        public const byte FlushBuffer = 0x80;

        // BitFramingReg
        public const byte StartSend = 0x80;

        // CollReg
        public const byte CollPosNotValid = 0x20;
        public const byte CollPosMask = 0x1F;

        // Tx/RxModeReg at 106 kBd
        public const byte CrcEnabled = 0x80;

        // TxControlReg after reset (0x80) with Tx1RFEn and Tx2RFEn: antenna on
        public const byte AntennaOn = 0x83;

        // TxASKReg Force100ASK, as Type A needs
        public const byte Force100Ask = 0x40;

        // ModeReg: TxWaitRF, PolMFin, CRC preset 6363 (CRC_A)
        public const byte ModeCrcA = 0x3D;

        // RFCfgReg keeps its reserved bit 3 at the reset value
        public const byte RfCfgReserved = 0x08;
    }
}
