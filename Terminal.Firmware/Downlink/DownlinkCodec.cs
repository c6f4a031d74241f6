using Terminal.Firmware.Binary;

namespace Terminal.Firmware.Downlink
{
    /// <summary>
    /// One message on <c>fare/v1/terminals/{id}/config</c> (docs/protocol.md): a 28-byte header (version 1, kind,
    /// two zero bytes, target terminal u32, from-version u32, to-version u32, issued-at i64, body length u32), the
    /// body, the signing key id u16, and the backend's Ed25519 signature over every byte before it.
    /// The terminal holds the whole message in one preallocated buffer, hence <see cref="MaxMessageBytes"/>.
    /// </summary>
    public static class DownlinkCodec
    {
        public const int Version = 1;
        public const int HeaderSize = 28;
        public const int KeyIdSize = 2;
        public const int SignatureSize = 64;
        public const int TrailerSize = KeyIdSize + SignatureSize;
        public const int MaxMessageBytes = 32768;
        public const int MaxBodyBytes = MaxMessageBytes - HeaderSize - TrailerSize;

        private const int KindOffset = 1;
        private const int ReservedOffset = 2;
        private const int TargetOffset = 4;
        private const int FromOffset = 8;
        private const int ToOffset = 12;
        private const int IssuedAtOffset = 16;
        private const int BodyLengthOffset = 24;

        /// <summary>The length of a whole message with a body of <paramref name="bodyLength"/> bytes.</summary>
        public static int LengthFor(int bodyLength)
        {
            return HeaderSize + bodyLength + TrailerSize;
        }

        /// <summary>
        /// Writes the header and, after a body of <see cref="DownlinkHeader.BodyLength"/> bytes that the caller puts at
        /// <c>offset + HeaderSize</c>, the key id. Returns the number of bytes to sign (the signature goes right after
        /// them), or -1 when the buffer is too short or the body too long.
        /// </summary>
        public static int WriteUnsigned(DownlinkHeader header, byte[] buffer, int offset)
        {
            if (offset < 0 || header.BodyLength < 0 || header.BodyLength > MaxBodyBytes
                || buffer.Length - offset < LengthFor(header.BodyLength) || header.KeyId < 0 || header.KeyId > 0xFFFF)
            {
                return -1;
            }

            buffer[offset] = Version;
            buffer[offset + KindOffset] = (byte)header.Kind;
            buffer[offset + ReservedOffset] = 0;
            buffer[offset + ReservedOffset + 1] = 0;
            LittleEndian.WriteUInt32(buffer, offset + TargetOffset, header.TargetTerminal);
            LittleEndian.WriteUInt32(buffer, offset + FromOffset, header.FromVersion);
            LittleEndian.WriteUInt32(buffer, offset + ToOffset, header.ToVersion);
            LittleEndian.WriteUInt64(buffer, offset + IssuedAtOffset, (ulong)header.IssuedAt);
            LittleEndian.WriteUInt32(buffer, offset + BodyLengthOffset, (uint)header.BodyLength);
            int keyAt = offset + HeaderSize + header.BodyLength;
            LittleEndian.WriteUInt16(buffer, keyAt, header.KeyId);
            header.BodyOffset = offset + HeaderSize;
            header.SignedLength = HeaderSize + header.BodyLength + KeyIdSize;
            header.SignatureOffset = offset + header.SignedLength;
            return header.SignedLength;
        }

        /// <summary>
        /// Reads the framing of a message; checks, in order: length (Truncated / Oversized against the limit),
        /// UnknownVersion, UnknownKind, Malformed (reserved bytes), then the body length against the message's
        /// (Truncated / Oversized). The signature is the caller's to verify.
        /// </summary>
        public static DownlinkStatus Decode(byte[] buffer, int offset, int length, DownlinkHeader header)
        {
            if (offset < 0 || length < 0 || buffer.Length - offset < length || length < HeaderSize + TrailerSize)
            {
                return DownlinkStatus.Truncated;
            }

            if (length > MaxMessageBytes)
            {
                return DownlinkStatus.Oversized;
            }

            if (buffer[offset] != Version)
            {
                return DownlinkStatus.UnknownVersion;
            }

            int kind = buffer[offset + KindOffset];
            if (kind < (int)DownlinkKind.FareTable || kind > (int)DownlinkKind.Resend)
            {
                return DownlinkStatus.UnknownKind;
            }

            if (buffer[offset + ReservedOffset] != 0 || buffer[offset + ReservedOffset + 1] != 0)
            {
                return DownlinkStatus.Malformed;
            }

            uint bodyLength = LittleEndian.ReadUInt32(buffer, offset + BodyLengthOffset);
            if (bodyLength > (uint)(length - HeaderSize - TrailerSize))
            {
                return DownlinkStatus.Truncated;
            }

            if (bodyLength < (uint)(length - HeaderSize - TrailerSize))
            {
                return DownlinkStatus.Oversized;
            }

            header.Kind = (DownlinkKind)kind;
            header.TargetTerminal = LittleEndian.ReadUInt32(buffer, offset + TargetOffset);
            header.FromVersion = LittleEndian.ReadUInt32(buffer, offset + FromOffset);
            header.ToVersion = LittleEndian.ReadUInt32(buffer, offset + ToOffset);
            header.IssuedAt = LittleEndian.ReadInt64(buffer, offset + IssuedAtOffset);
            header.BodyOffset = offset + HeaderSize;
            header.BodyLength = (int)bodyLength;
            header.KeyId = LittleEndian.ReadUInt16(buffer, header.BodyOffset + header.BodyLength);
            header.SignedLength = HeaderSize + header.BodyLength + KeyIdSize;
            header.SignatureOffset = offset + header.SignedLength;
            return DownlinkStatus.Ok;
        }
    }
}
