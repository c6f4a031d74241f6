using System.Threading;
using nanoFramework.Networking;

namespace Terminal.Firmware.Device.Board
{
    /// <summary>Joins the provisioned Wi-Fi at boot without holding up the fare loop for long; the MQTT link retries after.</summary>
    public static class Esp32Wifi
    {
        private const int JoinTimeoutMilliseconds = 10000;

        public static bool Join(string ssid, string password)
        {
            var timeout = new CancellationTokenSource(JoinTimeoutMilliseconds);
            return WifiNetworkHelper.ConnectDhcp(ssid, password, requiresDateTime: false, token: timeout.Token);
        }
    }
}
