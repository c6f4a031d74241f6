using System;
using System.Threading;
using nanoFramework.Hardware.Esp32;
using nanoFramework.Runtime.Native;
using Terminal.Drivers.Hal;
using Terminal.Firmware.Downlink;

namespace Terminal.Firmware.Device.Board
{
    /// <summary>
    /// Monotonic time from the ESP32's high-resolution timer (microseconds since boot); wall
    /// time from DateTime.UtcNow, which the backend's time message sets through the RTC.
    /// </summary>
    public sealed class Esp32Clock : IClock, ISettableClock
    {
        public long MonotonicMicroseconds => (long)HighResTimer.GetCurrent();

        public long UtcUnixSeconds => (DateTime.UtcNow - DateTime.UnixEpoch).Ticks / TimeSpan.TicksPerSecond;

        public void SetUtcUnixSeconds(long unixSeconds)
        {
            Rtc.SetSystemTime(DateTime.UnixEpoch.AddTicks(unixSeconds * TimeSpan.TicksPerSecond));
        }

        public void Delay(int microseconds)
        {
            if (microseconds >= 1000)
            {
                Thread.Sleep(microseconds / 1000);
                return;
            }

            long until = MonotonicMicroseconds + microseconds;
            while (MonotonicMicroseconds < until)
            {
            }
        }
    }
}
