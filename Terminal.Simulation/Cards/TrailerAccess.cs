namespace Terminal.Simulation.Cards;

/// <summary>
/// What each key may do to the sector trailer under condition C1 C2 C3 (MF1 §8.7.1). Key A never
/// reads back. "Access bits" covers bytes 6–9 (the user byte 9 goes with them).
/// </summary>
public sealed record TrailerAccess(KeyRights KeyAWrite, KeyRights AccessBitsRead, KeyRights AccessBitsWrite, KeyRights KeyBRead, KeyRights KeyBWrite)
{
    private const KeyRights A = KeyRights.KeyA, B = KeyRights.KeyB, AB = KeyRights.KeyAOrB, No = KeyRights.Never;

    private static readonly TrailerAccess[] Table =
    [
        new(A, A, No, A, A),     // 000
        new(A, A, A, A, A),      // 001 transport
        new(No, A, No, A, No),   // 010
        new(B, AB, B, No, B),    // 011
        new(B, AB, No, No, B),   // 100
        new(No, AB, B, No, No),  // 101
        new(No, AB, No, No, No), // 110
        new(No, AB, No, No, No), // 111
    ];

    public static TrailerAccess For(byte condition) => Table[condition & 7];

    /// <summary>When key A may read key B, key B is data, not a key: it cannot open the sector.</summary>
    public bool KeyBIsReadable => KeyBRead != KeyRights.Never;
}
