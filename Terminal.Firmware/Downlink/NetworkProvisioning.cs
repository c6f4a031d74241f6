using System;
using Terminal.Drivers.Hal;
using Terminal.Firmware.Binary;
using Terminal.Firmware.Tap;

namespace Terminal.Firmware.Downlink
{
    /// <summary>
    /// Where and as whom the terminal reaches the backend, written to I: by provisioning beside "terminal.key".
    /// File "network.cfg", little-endian: magic "BFN1" | broker port u16 | five texts, each a length u8 and that many
    /// printable ASCII bytes: broker host, MQTT user, MQTT password, Wi-Fi SSID, Wi-Fi password | CRC-32 of all before.
    /// </summary>
    public sealed class NetworkProvisioning
    {
        public const string FileName = "network.cfg";
        public const int MaxTextLength = 255;
        private const int TextCount = 5;
        private const int MaxSize = 4 + 2 + (TextCount * (1 + MaxTextLength)) + 4;
        private static readonly byte[] Magic = new byte[] { (byte)'B', (byte)'F', (byte)'N', (byte)'1' };

        public string BrokerHost = string.Empty;

        public int BrokerPort = 1883;

        public string User = string.Empty;

        public string Password = string.Empty;

        public string WifiSsid = string.Empty;

        public string WifiPassword = string.Empty;

        /// <summary>The MQTT client id of a terminal: one session per terminal on the broker.</summary>
        public static string ClientId(uint terminalId)
        {
            return "terminal-" + terminalId.ToString();
        }

        public ProvisioningStatus Load(IStorage storage)
        {
            int length = storage.Length(FileName);
            if (length < 0)
            {
                return ProvisioningStatus.Missing;
            }

            byte[] file = new byte[MaxSize];
            if (length < 4 + 2 + TextCount + 4 || length > MaxSize || storage.Read(FileName, 0, file, 0, length) != length
                || LittleEndian.ReadUInt32(file, length - 4) != Crc32.Compute(file, 0, length - 4))
            {
                return ProvisioningStatus.Corrupt;
            }

            for (int i = 0; i < Magic.Length; i++)
            {
                if (file[i] != Magic[i])
                {
                    return ProvisioningStatus.Corrupt;
                }
            }

            string[] texts = new string[TextCount];
            int at = 6;
            for (int i = 0; i < TextCount; i++)
            {
                string? text = ReadText(file, at, length - 4);
                if (text == null)
                {
                    return ProvisioningStatus.Corrupt;
                }

                texts[i] = text;
                at += 1 + text.Length;
            }

            if (at != length - 4)
            {
                return ProvisioningStatus.Corrupt;
            }

            BrokerPort = LittleEndian.ReadUInt16(file, 4);
            BrokerHost = texts[0];
            User = texts[1];
            Password = texts[2];
            WifiSsid = texts[3];
            WifiPassword = texts[4];
            return ProvisioningStatus.Ok;
        }

        /// <summary>The file's bytes, for the provisioning tool; throws for a text that is not printable ASCII or too long.</summary>
        public byte[] Encode()
        {
            string[] texts = new string[] { BrokerHost, User, Password, WifiSsid, WifiPassword };
            int length = 4 + 2 + 4;
            for (int i = 0; i < TextCount; i++)
            {
                length += 1 + texts[i].Length;
            }

            byte[] file = new byte[length];
            Array.Copy(Magic, 0, file, 0, Magic.Length);
            if (BrokerPort < 1 || BrokerPort > 0xFFFF)
            {
                throw new ArgumentOutOfRangeException(nameof(BrokerPort));
            }

            LittleEndian.WriteUInt16(file, 4, BrokerPort);
            int at = 6;
            for (int i = 0; i < TextCount; i++)
            {
                at = WriteText(texts[i], file, at);
            }

            LittleEndian.WriteUInt32(file, at, Crc32.Compute(file, 0, at));
            return file;
        }

        private static string? ReadText(byte[] file, int at, int end)
        {
            if (at >= end || end - at - 1 < file[at])
            {
                return null;
            }

            char[] chars = new char[file[at]];
            for (int i = 0; i < chars.Length; i++)
            {
                byte b = file[at + 1 + i];
                if (b < 0x20 || b > 0x7E)
                {
                    return null;
                }

                chars[i] = (char)b;
            }

            return new string(chars);
        }

        private static int WriteText(string text, byte[] file, int at)
        {
            if (text.Length > MaxTextLength)
            {
                throw new ArgumentException("A network setting is longer than 255 characters.");
            }

            file[at] = (byte)text.Length;
            for (int i = 0; i < text.Length; i++)
            {
                char c = text[i];
                if (c < ' ' || c > '~')
                {
                    throw new ArgumentException("Network settings are printable ASCII.");
                }

                file[at + 1 + i] = (byte)c;
            }

            return at + 1 + text.Length;
        }
    }
}
