using Terminal.Firmware.Binary;
using System;

namespace Terminal.Firmware.Journal
{
    /// <summary>
    /// The 32-byte journal record, identical on flash and on the wire (docs/protocol.md, "Journal record").
    /// Byte 0 holds the format version (high nibble) and the kind (low nibble); bytes 30-31 hold the
    /// CRC-16/IBM-3740 of bytes 0-29 in every version, so a reader checks the CRC before trusting anything.
    /// The body is a union: a passenger identity (card UID or QR account and token) with amounts, or a
    /// terminal event. Encoding writes into the caller's buffer and allocates nothing.
    /// </summary>
    public static class TxRecordCodec
    {
        public const int Size = 32;
        public const int Version = 1;

        public const int MaxAmount = 0xFFFF;
        public const int MinBalance = -0x800000;
        public const int MaxBalance = 0x7FFFFF;
        public const int MaxCardCounter = 0xFFFF;
        public const int MaxRoute = 0xFFFF;
        public const int MaxZone = 15;
        public const int MaxProduct = 7;
        public const int MaxConcession = 7;

        private const int VersionKindOffset = 0;
        private const int SequenceOffset = 1;
        private const int TimestampOffset = 5;
        private const int TariffOffset = 9;
        private const int IdentityOffset = 10;
        /// <summary>A QR record keeps its 64-bit token id where a card keeps its UID, and its account where a card keeps its balance and counter.</summary>
        private const int AccountOffset = 22;
        private const int QrPaddingOffset = 18;
        private const int QrPaddingAfterAccountOffset = 26;
        private const int AmountOffset = 20;
        private const int BalanceOffset = 22;
        private const int CounterOffset = 25;
        private const int RouteOffset = 27;
        private const int ZonesOffset = 29;
        private const int CrcOffset = 30;

        private const int EventCodeOffset = 10;
        private const int EventValueOffset = 12;
        private const int EventReservedOffset = 16;

        /// <summary>Identity codes in the low two bits of byte 9: the ISO 14443 UID sizes, and QR.</summary>
        private const int IdentityQr = 3;

        /// <summary>Encodes <paramref name="record"/> into 32 bytes at <paramref name="offset"/>; writes nothing unless it returns Ok.</summary>
        public static RecordStatus Encode(TxRecord record, byte[] buffer, int offset)
        {
            if (buffer.Length - offset < Size || offset < 0)
            {
                return RecordStatus.TooShort;
            }

            if (!IsKnownKind((int)record.Kind))
            {
                return RecordStatus.UnknownKind;
            }

            if (!HasValidFields(record))
            {
                return RecordStatus.BadField;
            }

            Array.Clear(buffer, offset, Size);
            buffer[offset + VersionKindOffset] = (byte)((Version << 4) | (int)record.Kind);
            LittleEndian.WriteUInt32(buffer, offset + SequenceOffset, record.Sequence);
            LittleEndian.WriteUInt32(buffer, offset + TimestampOffset, record.Timestamp);
            if (record.Kind == TxKind.TerminalEvent)
            {
                LittleEndian.WriteUInt16(buffer, offset + EventCodeOffset, record.EventCode);
                LittleEndian.WriteUInt32(buffer, offset + EventValueOffset, record.EventValue);
            }
            else
            {
                EncodePassenger(record, buffer, offset);
            }

            LittleEndian.WriteUInt16(buffer, offset + RouteOffset, IsLoad(record.Kind) ? record.LoadNumber : record.Route);
            buffer[offset + ZonesOffset] = (byte)(record.OriginZone | (record.DestinationZone << 4));
            LittleEndian.WriteUInt16(buffer, offset + CrcOffset, Crc16Ccitt.Compute(buffer, offset, CrcOffset));
            return RecordStatus.Ok;
        }

        /// <summary>Checks the 32 bytes at <paramref name="offset"/> (CRC, version, kind, every field) without decoding them.</summary>
        public static RecordStatus Validate(byte[] buffer, int offset)
        {
            if (buffer.Length - offset < Size || offset < 0)
            {
                return RecordStatus.TooShort;
            }

            if (LittleEndian.ReadUInt16(buffer, offset + CrcOffset) != Crc16Ccitt.Compute(buffer, offset, CrcOffset))
            {
                return RecordStatus.BadCrc;
            }

            int versionKind = buffer[offset + VersionKindOffset];
            if ((versionKind >> 4) != Version)
            {
                return RecordStatus.UnknownVersion;
            }

            int kind = versionKind & 0x0F;
            if (!IsKnownKind(kind))
            {
                return RecordStatus.UnknownKind;
            }

            // The journal numbers records from 1 and Encode refuses 0, so a decoder must too: a record 0 would be
            // stored by the backend yet never re-encode, and would sit below every ack.
            if (ReadSequence(buffer, offset) == 0)
            {
                return RecordStatus.BadField;
            }

            return kind == (int)TxKind.TerminalEvent ? ValidateEvent(buffer, offset) : ValidatePassenger((TxKind)kind, buffer, offset);
        }

        /// <summary>Validates, then fills every field of <paramref name="record"/>; leaves it untouched unless Ok.</summary>
        public static RecordStatus Decode(byte[] buffer, int offset, TxRecord record)
        {
            RecordStatus status = Validate(buffer, offset);
            if (status != RecordStatus.Ok)
            {
                return status;
            }

            record.Clear();
            record.Kind = (TxKind)(buffer[offset + VersionKindOffset] & 0x0F);
            record.Sequence = ReadSequence(buffer, offset);
            record.Timestamp = LittleEndian.ReadUInt32(buffer, offset + TimestampOffset);
            if (IsLoad(record.Kind))
            {
                record.LoadNumber = LittleEndian.ReadUInt16(buffer, offset + RouteOffset);
            }
            else
            {
                record.Route = LittleEndian.ReadUInt16(buffer, offset + RouteOffset);
            }

            record.OriginZone = buffer[offset + ZonesOffset] & MaxZone;
            record.DestinationZone = buffer[offset + ZonesOffset] >> 4;
            if (record.Kind == TxKind.TerminalEvent)
            {
                record.EventCode = LittleEndian.ReadUInt16(buffer, offset + EventCodeOffset);
                record.EventValue = LittleEndian.ReadUInt32(buffer, offset + EventValueOffset);
                return RecordStatus.Ok;
            }

            int tariff = buffer[offset + TariffOffset];
            int identity = tariff & 0x03;
            record.Product = (tariff >> 2) & MaxProduct;
            record.Concession = tariff >> 5;
            if (identity == IdentityQr)
            {
                record.SetQr(LittleEndian.ReadUInt32(buffer, offset + AccountOffset), LittleEndian.ReadUInt64(buffer, offset + IdentityOffset));
            }
            else
            {
                record.SetCard(buffer, offset + IdentityOffset, UidLengthOf(identity));
                record.BalanceAfter = LittleEndian.ReadInt24(buffer, offset + BalanceOffset);
                record.CardCounter = LittleEndian.ReadUInt16(buffer, offset + CounterOffset);
            }

            int amount = LittleEndian.ReadUInt16(buffer, offset + AmountOffset);
            if (record.Kind == TxKind.Refusal)
            {
                record.Reason = amount;
            }
            else
            {
                record.Amount = amount;
            }

            return RecordStatus.Ok;
        }

        /// <summary>The sequence field of an encoded record (trust it only after <see cref="Validate"/>).</summary>
        public static uint ReadSequence(byte[] buffer, int offset)
        {
            return LittleEndian.ReadUInt32(buffer, offset + SequenceOffset);
        }

        private static void EncodePassenger(TxRecord record, byte[] buffer, int offset)
        {
            int identity = record.UidLength == 0 ? IdentityQr : IdentityCodeOf(record.UidLength);
            buffer[offset + TariffOffset] = (byte)(identity | (record.Product << 2) | (record.Concession << 5));
            if (identity == IdentityQr)
            {
                LittleEndian.WriteUInt64(buffer, offset + IdentityOffset, record.TokenId);
                LittleEndian.WriteUInt32(buffer, offset + AccountOffset, record.AccountId);
            }
            else
            {
                Array.Copy(record.Uid, 0, buffer, offset + IdentityOffset, record.UidLength);
                LittleEndian.WriteUInt24(buffer, offset + BalanceOffset, record.BalanceAfter & 0xFFFFFF);
                LittleEndian.WriteUInt16(buffer, offset + CounterOffset, record.CardCounter);
            }

            LittleEndian.WriteUInt16(buffer, offset + AmountOffset, record.Kind == TxKind.Refusal ? record.Reason : record.Amount);
        }

        private static bool HasValidFields(TxRecord record)
        {
            bool routeSlotFits = IsLoad(record.Kind)
                ? record.Route == 0 && InRange(record.LoadNumber, 0, MaxRoute)
                : record.LoadNumber == 0 && InRange(record.Route, 0, MaxRoute);
            if (record.Sequence == 0 || !routeSlotFits
                || !InRange(record.OriginZone, 0, MaxZone) || !InRange(record.DestinationZone, 0, MaxZone))
            {
                return false;
            }

            if (record.Kind == TxKind.TerminalEvent)
            {
                return InRange(record.EventCode, 0, 0xFFFF) && HasNoPassenger(record);
            }

            if (!IdentityFitsKind(record.Kind, record.UidLength == 0 ? IdentityQr : IdentityCodeOf(record.UidLength)))
            {
                return false;
            }

            bool amountsFit = record.Kind == TxKind.Refusal
                ? record.Amount == 0 && InRange(record.Reason, 0, MaxAmount)
                : record.Reason == 0 && InRange(record.Amount, 0, MaxAmount);
            bool cardFieldsFit = record.UidLength != 0
                ? InRange(record.BalanceAfter, MinBalance, MaxBalance) && InRange(record.CardCounter, 0, MaxCardCounter)
                : record.BalanceAfter == 0 && record.CardCounter == 0;
            return amountsFit
                && cardFieldsFit
                && InRange(record.Product, 0, MaxProduct)
                && InRange(record.Concession, 0, MaxConcession)
                && record.EventCode == 0
                && record.EventValue == 0;
        }

        /// <summary>A terminal event has no room for passenger fields: refusing them keeps a round trip lossless.</summary>
        private static bool HasNoPassenger(TxRecord record)
        {
            return record.UidLength == 0 && record.AccountId == 0 && record.TokenId == 0 && record.Amount == 0 && record.Reason == 0
                && record.BalanceAfter == 0 && record.CardCounter == 0 && record.Product == 0 && record.Concession == 0;
        }

        private static RecordStatus ValidateEvent(byte[] buffer, int offset)
        {
            if (buffer[offset + TariffOffset] != 0 || !AllZero(buffer, offset + EventReservedOffset, RouteOffset - EventReservedOffset))
            {
                return RecordStatus.BadField;
            }

            return RecordStatus.Ok;
        }

        private static RecordStatus ValidatePassenger(TxKind kind, byte[] buffer, int offset)
        {
            int identity = buffer[offset + TariffOffset] & 0x03;
            if (!IdentityFitsKind(kind, identity))
            {
                return RecordStatus.BadField;
            }

            bool unusedAreZero = identity == IdentityQr
                ? AllZero(buffer, offset + QrPaddingOffset, AmountOffset - QrPaddingOffset) && buffer[offset + QrPaddingAfterAccountOffset] == 0
                : AllZero(buffer, offset + IdentityOffset + UidLengthOf(identity), TxRecord.MaxUidLength - UidLengthOf(identity));
            return unusedAreZero ? RecordStatus.Ok : RecordStatus.BadField;
        }

        private static bool IdentityFitsKind(TxKind kind, int identity)
        {
            if (identity < 0)
            {
                return false;
            }

            switch (kind)
            {
                case TxKind.QrAccepted:
                    return identity == IdentityQr;
                case TxKind.Refusal:
                    return true;
                default:
                    return identity != IdentityQr;
            }
        }

        private static bool IsKnownKind(int kind)
        {
            return kind >= (int)TxKind.CardTapAccepted && kind <= (int)TxKind.LoadAbandoned;
        }

        /// <summary>Load records keep the load's number where the others keep the route: a load is not a ride.</summary>
        private static bool IsLoad(TxKind kind)
        {
            return kind == TxKind.LoadApplied || kind == TxKind.LoadAbandoned;
        }

        /// <summary>The ISO 14443 UID size code (0 single, 1 double, 2 triple), or -1 for any other length.</summary>
        private static int IdentityCodeOf(int uidLength)
        {
            switch (uidLength)
            {
                case 4:
                    return 0;
                case 7:
                    return 1;
                case TxRecord.MaxUidLength:
                    return 2;
                default:
                    return -1;
            }
        }

        private static int UidLengthOf(int identityCode)
        {
            return 4 + (3 * identityCode);
        }

        private static bool InRange(int value, int min, int max)
        {
            return value >= min && value <= max;
        }

        private static bool AllZero(byte[] buffer, int offset, int count)
        {
            for (int i = offset; i < offset + count; i++)
            {
                if (buffer[i] != 0)
                {
                    return false;
                }
            }

            return true;
        }
    }
}
