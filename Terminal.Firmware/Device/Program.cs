using System;
using System.Threading;
using Terminal.Firmware.Composition;
using Terminal.Firmware.Device.Board;
using Terminal.Firmware.Downlink;

namespace Terminal.Firmware.Device
{
    /// <summary>
    /// The ESP32 entry point: builds the board, boots the firmware through its composition root, logs the boot report
    /// and runs the main loop. Nothing here decides anything a test could not reach.
    /// </summary>
    public static class Program
    {
        private const int PollIntervalMilliseconds = 20;

        /// <summary>The first line the terminal logs; the device build check waits for it on nanoCLR to know the whole image linked.</summary>
        public const string BootLine = "Terminal.Firmware boot";

        public static void Main()
        {
            Console.WriteLine(BootLine + " v" + FirmwareInfo.Version);
            var firmware = new TerminalFirmware(new Esp32Board());
            Console.WriteLine(firmware.Boot().Describe());
            int faultsLogged = 0;
            while (true)
            {
                firmware.Step();
                if (firmware.Faults != faultsLogged)
                {
                    faultsLogged = firmware.Faults;
                    Console.WriteLine("fault " + faultsLogged + ": " + firmware.LastFault!.Message);
                }

                Thread.Sleep(PollIntervalMilliseconds);
            }
        }
    }
}
