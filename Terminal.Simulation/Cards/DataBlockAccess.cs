namespace Terminal.Simulation.Cards;

/// <summary>
/// What each key may do to a data block under condition C1 C2 C3 (MF1 §8.7.2). Conditions 110
/// and 001 make the block a value block; TRANSFER and RESTORE share decrement's column.
/// </summary>
public sealed record DataBlockAccess(KeyRights Read, KeyRights Write, KeyRights Increment, KeyRights DecrementTransferRestore)
{
    private const KeyRights A = KeyRights.KeyA, B = KeyRights.KeyB, AB = KeyRights.KeyAOrB, No = KeyRights.Never;

    private static readonly DataBlockAccess[] Table =
    [
        new(AB, AB, AB, AB), // 000 transport
        new(AB, No, No, AB), // 001 value block, non-rechargeable
        new(AB, No, No, No), // 010 read-only
        new(B, B, No, No),   // 011
        new(AB, B, No, No),  // 100
        new(B, No, No, No),  // 101
        new(AB, B, B, AB),   // 110 value block, rechargeable
        new(No, No, No, No), // 111
    ];

    public static DataBlockAccess For(byte condition) => Table[condition & 7];
}
