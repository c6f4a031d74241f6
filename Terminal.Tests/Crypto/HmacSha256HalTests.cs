using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Terminal.Firmware.Card;
using Terminal.Firmware.Crypto;
using Terminal.NanoReplay.Replay;
using Xunit;

namespace Terminal.Tests.Crypto;

/// <summary>The tap path's hashing HAL: the managed implementation's known answers and key cache, and the bench's counting.</summary>
public sealed class HmacSha256HalTests
{
    // RFC 4231 section 4.2 (test case 1) and 4.3 (test case 2).
    private static readonly byte[] Key1 = Enumerable.Repeat((byte)0x0b, 20).ToArray();
    private static readonly byte[] Data1 = "Hi There"u8.ToArray();
    private const string Mac1 = "B0344C61D8DB38535CA8AFCEAF0BF12B881DC200C9833DA726E9376C2E32CFF7";
    private static readonly byte[] Key2 = "Jefe"u8.ToArray();
    private static readonly byte[] Data2 = "what do ya want for nothing?"u8.ToArray();
    private const string Mac2 = "5BDCC146BF60754E6A042426089575C75A003F089D2739839DEC58B964EC3843";

    [Fact]
    public void TheManagedHmacGivesRfc4231sAnswersAtAnyOffset()
    {
        var hmac = new ManagedHmacSha256();
        var key = new byte[3 + Key1.Length];
        Key1.CopyTo(key, 3);
        var message = new byte[5 + Data1.Length + 2];
        Data1.CopyTo(message, 5);
        var mac = new byte[40];

        hmac.Mac(key, 3, Key1.Length, message, 5, Data1.Length, mac, 8);
        Assert.Equal(Mac1, Convert.ToHexString(mac, 8, 32));
        hmac.Mac(Key2, 0, Key2.Length, Data2, 0, Data2.Length, mac, 0);
        Assert.Equal(Mac2, Convert.ToHexString(mac, 0, 32));
    }

    [Fact]
    public void AKeyChangedInTheSameArrayIsNotServedFromTheCache()
    {
        var hmac = new ManagedHmacSha256();
        var key = (byte[])Key1.Clone();
        var mac = new byte[32];
        hmac.Mac(key, 0, key.Length, Data1, 0, Data1.Length, mac, 0);
        Assert.Equal(Mac1, Convert.ToHexString(mac));

        key[0] ^= 1;
        hmac.Mac(key, 0, key.Length, Data1, 0, Data1.Length, mac, 0);
        Assert.NotEqual(Mac1, Convert.ToHexString(mac));
    }

    [Property(MaxTest = 200)]
    public Property ManyKeysInTurnGiveTheReferenceMacs() => Prop.ForAll(
        Gen.ArrayOf(Gen.Choose(0, 6)).Where(l => l.Length > 0).ToArbitrary(),
        keyOrder =>
        {
            // More distinct keys than the cache keeps, in any order: every answer must still be HMAC-SHA256.
            var hmac = new ManagedHmacSha256();
            var mac = new byte[32];
            return keyOrder.All(n =>
            {
                var key = Enumerable.Range(0, 16 + n * 9).Select(i => (byte)(i * 7 + n)).ToArray();
                hmac.Mac(key, 0, key.Length, Data2, 0, Data2.Length, mac, 0);
                return mac.SequenceEqual(System.Security.Cryptography.HMACSHA256.HashData(key, Data2));
            });
        });

    [Fact]
    public void AKeyLongerThanABlockIsHashedFirst()
    {
        var key = Enumerable.Range(0, 131).Select(i => (byte)i).ToArray();
        var mac = new byte[32];
        new ManagedHmacSha256().Mac(key, 0, key.Length, Data1, 0, Data1.Length, mac, 0);
        Assert.Equal(System.Security.Cryptography.HMACSHA256.HashData(key, Data1), mac);
    }

    [Fact]
    public void TheMeterCountsEachCallAndPassesTheMacThrough()
    {
        var metered = new MeteredHmacSha256(new ManagedHmacSha256());
        var mac = new byte[32];
        metered.Mac(Key2, 0, Key2.Length, Data2, 0, Data2.Length, mac, 0);
        metered.Mac(Key1, 0, Key1.Length, Data1, 0, Data1.Length, mac, 0);

        Assert.Equal(2, metered.Calls);
        Assert.True(metered.Ticks >= 0);
        Assert.Equal(Mac1, Convert.ToHexString(mac));
    }

    [Fact]
    public void AKeyringDerivesAndItsSessionsMacThroughTheGivenHal()
    {
        var metered = new MeteredHmacSha256(new ManagedHmacSha256());
        var sector = Enumerable.Range(0, 32).Select(i => (byte)i).ToArray();
        var macMaster = Enumerable.Range(32, 32).Select(i => (byte)i).ToArray();
        var keyring = new CardKeyring(sector, macMaster, metered);
        var keys = new CardKeys();
        byte[] uid = [0x04, 0xA1, 0xB2, 0xC3, 0xD4, 0xE5, 0xF6];

        keyring.Derive(uid, uid.Length, keys);

        Assert.Same(metered, keyring.Hashing);
        Assert.Equal(2, metered.Calls);
        var reference = new CardKeys();
        new CardKeyring(sector, macMaster).Derive(uid, uid.Length, reference);
        Assert.Equal(reference.KeyA, keys.KeyA);
        Assert.Equal(reference.MacKey, keys.MacKey);
        Assert.Equal(System.Security.Cryptography.HMACSHA256.HashData(sector, (byte[])[(byte)'A', 7, .. uid])[..CardKeys.SectorKeySize], keys.KeyA);
    }
}
