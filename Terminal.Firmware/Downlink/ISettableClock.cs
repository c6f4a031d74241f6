namespace Terminal.Firmware.Downlink
{
    /// <summary>
    /// A wall clock the firmware may set. The HAL's IClock only reads time; the device's clock sets the ESP32's
    /// system time, other boards wrap their clock in <see cref="OffsetClock"/>.
    /// </summary>
    public interface ISettableClock
    {
        void SetUtcUnixSeconds(long unixSeconds);
    }
}
