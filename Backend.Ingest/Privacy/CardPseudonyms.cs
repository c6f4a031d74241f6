using System.Security.Cryptography;
using System.Text;

namespace Backend.Ingest.Privacy;

/// <summary>
/// The keyed pseudonym of a card UID that staff outside customer service see: the same card always gives the same
/// pseudonym (so journeys can still be counted per card), and without the privacy key it cannot be turned back.
/// </summary>
public sealed class CardPseudonyms(PrivacyKey key)
{
    public const string Prefix = "P-";

    public string Of(string uid) =>
        Prefix + Convert.ToHexString(HMACSHA256.HashData(key.PseudonymKey, Encoding.ASCII.GetBytes(uid.ToUpperInvariant())))[..16];
}
