namespace Terminal.Drivers.Scanner
{
    /// <summary>
    /// One setting as bits of one zone: the driver reads the zone, replaces the bits under
    /// <see cref="Mask"/> with <see cref="Value"/> and writes it back, so neighbouring settings
    /// in the same zone (light, aimer, sound) keep what the installer chose.
    /// </summary>
    public sealed class ZoneSetting
    {
        public ZoneSetting(int address, byte mask, byte value)
        {
            Address = address;
            Mask = mask;
            Value = (byte)(value & mask);
        }

        public int Address { get; private set; }

        public byte Mask { get; private set; }

        public byte Value { get; private set; }

        public byte ApplyTo(byte zone)
        {
            return (byte)((zone & ~Mask) | Value);
        }

        public bool IsSetIn(byte zone)
        {
            return (zone & Mask) == Value;
        }
    }
}
