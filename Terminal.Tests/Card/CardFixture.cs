using System.Security.Cryptography;
using Terminal.Firmware.Card;

namespace Terminal.Tests.Card;

/// <summary>Per-test card keys derived from a master secret generated at run time.</summary>
internal sealed class CardFixture
{
    public CardFixture(byte[] uid)
    {
        Uid = uid;
        var master = RandomNumberGenerator.GetBytes(32);
        var deriver = new CardKeyDeriver(master, 0, master.Length);
        deriver.Derive(CardKeyDeriver.SectorKeyALabel, uid, uid.Length, Keys.KeyA, CardKeys.SectorKeySize);
        deriver.Derive(CardKeyDeriver.MacKeyLabel, uid, uid.Length, Keys.MacKey, CardKeys.MacKeySize);
    }

    public byte[] Uid { get; }

    public CardKeys Keys { get; } = new();

    public CardMac Mac { get; } = new();

    public PurseCodec Purse => new(Mac);

    public IdentityCodec Identity => new(Mac);

    public static byte[] RandomUid(int length) => RandomNumberGenerator.GetBytes(length);
}
