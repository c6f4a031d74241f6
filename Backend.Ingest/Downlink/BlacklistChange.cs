using Terminal.Firmware.Blacklist;
using Terminal.Firmware.Downlink;

namespace Backend.Ingest.Downlink;

/// <summary>One change of a blacklist version: list <see cref="Key"/> with a reason 1..255, or remove it (reason 0).</summary>
public sealed record BlacklistChange(BlacklistKind Kind, byte[] Key, byte Reason)
{
    public static BlacklistChange ListCard(byte[] uid, byte reason) => new(CardKind(uid), uid, reason);

    public static BlacklistChange RemoveCard(byte[] uid) => new(CardKind(uid), uid, 0);

    public string KeyHex => Convert.ToHexString(Key);

    private static BlacklistKind CardKind(byte[] uid)
    {
        int kind = BlacklistKinds.ForUidLength(uid.Length);
        return kind >= 0 ? (BlacklistKind)kind : throw new ArgumentException($"A card UID is 4, 7 or 10 bytes, not {uid.Length}.", nameof(uid));
    }
}

/// <summary>A public key the terminals accept for QR tokens and downlink messages.</summary>
public sealed record BackendPublicKey(int KeyId, byte[] PublicKey);

/// <summary>A message the planner made for one terminal, ready to publish on <see cref="Topic"/>.</summary>
public sealed record PlannedMessage(string Topic, DownlinkKind Kind, uint FromVersion, uint ToVersion, byte[] Payload);
