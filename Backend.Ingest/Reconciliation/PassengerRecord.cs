using Terminal.Firmware.Journal;

namespace Backend.Ingest.Reconciliation;

/// <summary>
/// A stored journal record of a passenger, decoded from its 32 bytes with the firmware's codec: the card (UID,
/// balance and counter after the write) or the QR account, and where and when the terminal recorded it.
/// </summary>
public sealed record PassengerRecord(
    uint Terminal, uint Sequence, TxKind Kind, uint Timestamp, int Amount, int BalanceAfter, int Counter, int Route,
    string? CardUid, uint AccountId)
{
    /// <summary>A write the card took (a fare, an on-board top-up or a pending load); <see cref="TxKind.CardWriteCompleted"/> only repeats its intent.</summary>
    public bool IsCardWrite => Kind is TxKind.CardTapAccepted or TxKind.TopUp or TxKind.LoadApplied;

    /// <summary>The balance the card showed before this write.</summary>
    public int BalanceBefore => Kind is TxKind.TopUp or TxKind.LoadApplied ? BalanceAfter - Amount : BalanceAfter + Amount;

    public string Key => $"{Terminal}/{Sequence}";

    /// <summary>The record, or null when it is not a passenger's (a terminal event) or does not decode.</summary>
    public static PassengerRecord? Decode(long terminal, byte[] bytes, TxRecord scratch)
    {
        if (TxRecordCodec.Decode(bytes, 0, scratch) != RecordStatus.Ok || scratch.Kind == TxKind.TerminalEvent)
        {
            return null;
        }

        var isCard = scratch.UidLength > 0;
        return new PassengerRecord(
            (uint)terminal, scratch.Sequence, scratch.Kind, scratch.Timestamp, scratch.Amount, scratch.BalanceAfter, scratch.CardCounter,
            scratch.Route, isCard ? Convert.ToHexString(scratch.Uid, 0, scratch.UidLength) : null, isCard ? 0 : scratch.AccountId);
    }

    /// <summary>What a finding's evidence shows of the record.</summary>
    public object Evidence() => new
    {
        terminal = Terminal,
        sequence = Sequence,
        kind = Kind.ToString(),
        recordedAt = DateTimeOffset.FromUnixTimeSeconds(Timestamp),
        amount = Amount,
        balanceAfter = CardUid is null ? (int?)null : BalanceAfter,
        counter = CardUid is null ? (int?)null : Counter,
        route = Route,
    };

    /// <summary>16-bit serial arithmetic, as the card orders its purse copies: true when <paramref name="a"/> comes after <paramref name="b"/>.</summary>
    public static bool CounterAfter(int a, int b) => ((a - b) & 0xFFFF) is >= 1 and <= 32767;
}
