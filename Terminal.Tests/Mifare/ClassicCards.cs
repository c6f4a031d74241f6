using Terminal.Drivers.Mifare;
using SimCards = Terminal.Simulation.Cards;

namespace Terminal.Tests.Mifare;

/// <summary>Keys and prepared MIFARE Classic cards the end-to-end tests share.</summary>
internal static class ClassicCards
{
    public static readonly byte[] FactoryKey = [0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF];
    public static readonly byte[] KeyA = [0xA0, 0xA1, 0xA2, 0xA3, 0xA4, 0xA5];
    public static readonly byte[] KeyB = [0xB0, 0xB1, 0xB2, 0xB3, 0xB4, 0xB5];
    public static readonly byte[] Uid4 = [0x5A, 0x3C, 0x91, 0x07];
    public static readonly byte[] Uid7 = [0x04, 0x6B, 0x12, 0x88, 0x3A, 0x5D, 0x80];

    /// <summary>Sector 1 of the purse card: block 4 holds this value, block 6 a zero backup.</summary>
    public const int Balance = 100;
    public const byte PurseBlock = 4;
    public const byte DataBlock = 5;
    public const byte BackupBlock = 6;

    /// <summary>
    /// A 1K card whose sector 1 is a rechargeable purse (110 on all three groups: read, decrement,
    /// transfer, restore with A or B; write and increment with B only), keys A/B personalised and the
    /// trailer managed by key B.
    /// </summary>
    public static SimCards.MifareClassicCard Purse(byte[]? uid = null)
    {
        var card = SimCards.MifareClassicCard.OneK(uid ?? Uid4);
        card.SetSectorTrailer(
            1,
            KeyA,
            new SimCards.AccessConditions(
                AccessCondition.ValueRechargeable, AccessCondition.ValueRechargeable, AccessCondition.ValueRechargeable, AccessCondition.TrailerKeyBManaged),
            KeyB);
        card.SetValueBlock(PurseBlock, Balance, PurseBlock);
        card.WriteBlock(DataBlock, Enumerable.Range(0x40, 16).Select(i => (byte)i).ToArray());
        card.SetValueBlock(BackupBlock, 0, BackupBlock);
        return card;
    }

    public static byte[] Key(MifareKeyType type) => type == MifareKeyType.A ? KeyA : KeyB;
}
