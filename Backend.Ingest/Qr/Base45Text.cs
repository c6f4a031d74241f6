using System.Text;

namespace Backend.Ingest.Qr;

/// <summary>Base45 encoding (RFC 9285), the QR alphanumeric text the terminals decode with <c>Terminal.Firmware.Qr.Base45</c>.</summary>
public static class Base45Text
{
    private const string Alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:";

    /// <summary>Each byte pair, big-endian, as three base-45 digits least significant first; an odd last byte as two.</summary>
    public static string Encode(ReadOnlySpan<byte> data)
    {
        var text = new StringBuilder((data.Length / 2 * 3) + (data.Length % 2 * 2));
        for (int i = 0; i < data.Length; i += 2)
        {
            bool pair = i + 1 < data.Length;
            int n = pair ? (data[i] << 8) | data[i + 1] : data[i];
            text.Append(Alphabet[n % 45]).Append(Alphabet[n / 45 % 45]);
            if (pair)
            {
                text.Append(Alphabet[n / 2025]);
            }
        }

        return text.ToString();
    }
}
