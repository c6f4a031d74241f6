using System;

namespace Terminal.Firmware.Journal
{
    /// <summary>
    /// One journal record in memory: the union of what every <see cref="TxKind"/> carries. A tap path keeps
    /// one instance and refills it, so journaling allocates nothing. The passenger is identified either by a
    /// card UID (<see cref="UidLength"/> 4, 7 or 10) or, when <see cref="UidLength"/> is 0, by a QR account and
    /// token. Amounts are in the currency's minor unit. Field ranges are those of the wire format
    /// (docs/protocol.md); <see cref="TxRecordCodec.Encode"/> refuses values outside them.
    /// </summary>
    public sealed class TxRecord
    {
        public const int MaxUidLength = 10;

        private readonly byte[] _uid = new byte[MaxUidLength];

        public TxKind Kind { get; set; }

        /// <summary>Assigned by the journal when the record is appended; strictly rising, never reused.</summary>
        public uint Sequence { get; set; }

        /// <summary>Unix seconds (UTC).</summary>
        public uint Timestamp { get; set; }

        /// <summary>4, 7 or 10 for a card; 0 when the passenger presented a QR token (or for a terminal event).</summary>
        public int UidLength { get; private set; }

        /// <summary>The UID's bytes in order; bytes past <see cref="UidLength"/> are zero.</summary>
        public byte[] Uid
        {
            get { return _uid; }
        }

        /// <summary>The QR token's passenger account (when <see cref="UidLength"/> is 0).</summary>
        public uint AccountId { get; private set; }

        /// <summary>The QR token's one-use id, all 64 bits (when <see cref="UidLength"/> is 0).</summary>
        public ulong TokenId { get; private set; }

        /// <summary>Fare charged, or value credited by a top-up: 0 to 65,535.</summary>
        public int Amount { get; set; }

        /// <summary>For <see cref="TxKind.Refusal"/>: a <see cref="RefusalCode"/>, 0 to 65,535.</summary>
        public int Reason { get; set; }

        /// <summary>The card's balance after the write (negative within an overdraft): -8,388,608 to 8,388,607.</summary>
        public int BalanceAfter { get; set; }

        /// <summary>The card's transaction counter after the write: 0 to 65,535.</summary>
        public int CardCounter { get; set; }

        /// <summary>The fare table's route id: 0 to 65,535.</summary>
        public int Route { get; set; }

        /// <summary>The fare zone of the boarding stop: 0 to 15.</summary>
        public int OriginZone { get; set; }

        /// <summary>The fare zone travelled to, chosen at boarding on a zonal route: 0 to 15.</summary>
        public int DestinationZone { get; set; }

        /// <summary>The fare product the fare engine applied; the firmware stores its <c>FareOutcome</c> (charge, transfer, capped...): 0 to 7.</summary>
        public int Product { get; set; }

        /// <summary>The concession class the fare was priced for (the card's <c>CardType</c>): 0 to 7.</summary>
        public int Concession { get; set; }

        /// <summary>For <see cref="TxKind.LoadApplied"/> and <see cref="TxKind.LoadAbandoned"/>: the load's number on the card, 0 to 65,535 (stored where others keep the route).</summary>
        public int LoadNumber { get; set; }

        /// <summary>For <see cref="TxKind.TerminalEvent"/>: a <see cref="TerminalEventCode"/>, 0 to 65,535.</summary>
        public int EventCode { get; set; }

        /// <summary>For <see cref="TxKind.TerminalEvent"/>: the event's argument.</summary>
        public uint EventValue { get; set; }

        /// <summary>Identifies the passenger by card; false (and nothing changed) unless the length is 4, 7 or 10.</summary>
        public bool SetCard(byte[] uid, int offset, int length)
        {
            if (length != 4 && length != 7 && length != MaxUidLength)
            {
                return false;
            }

            Array.Clear(_uid, 0, MaxUidLength);
            Array.Copy(uid, offset, _uid, 0, length);
            UidLength = length;
            AccountId = 0;
            TokenId = 0;
            return true;
        }

        /// <summary>Identifies the passenger by a QR token's account and token id.</summary>
        public void SetQr(uint accountId, ulong tokenId)
        {
            Array.Clear(_uid, 0, MaxUidLength);
            UidLength = 0;
            AccountId = accountId;
            TokenId = tokenId;
        }

        /// <summary>Resets every field to zero so that an instance can be reused for another record.</summary>
        public void Clear()
        {
            Kind = 0;
            Sequence = 0;
            Timestamp = 0;
            SetQr(0, 0);
            Amount = 0;
            Reason = 0;
            BalanceAfter = 0;
            CardCounter = 0;
            Route = 0;
            OriginZone = 0;
            DestinationZone = 0;
            Product = 0;
            Concession = 0;
            LoadNumber = 0;
            EventCode = 0;
            EventValue = 0;
        }
    }
}
