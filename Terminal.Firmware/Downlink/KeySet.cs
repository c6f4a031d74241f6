using System.IO;
using Terminal.Drivers.Hal;
using Terminal.Firmware.Binary;
using Terminal.Firmware.Crypto;
using Terminal.Firmware.Qr;

namespace Terminal.Firmware.Downlink
{
    /// <summary>
    /// The backend public keys that came by downlink, beside the provisioned anchor key in the terminal's
    /// <see cref="QrKeyRing"/>. A keys message carries the complete set of a version: keys it names are added or
    /// replaced by key id, downloaded keys it leaves out are removed. The anchor cannot be replaced or removed over
    /// the air (that takes re-provisioning), so a bad set can never lock the terminal out of its backend.
    /// File "keys.set": version u32 | <see cref="KeySetBody"/> | CRC-32 of all before, written whole with Replace.
    /// </summary>
    public sealed class KeySet
    {
        public const string FileName = "keys.set";

        private readonly IStorage _storage;
        private readonly QrKeyRing _ring;
        private readonly Ed25519Verifier _verifier;
        private readonly int _anchorKeyId;
        private readonly int _maxKeys;
        private readonly int[] _ids;
        private readonly Ed25519PublicKey _scratch = new Ed25519PublicKey();
        private int _count;

        /// <param name="maxKeys">Downloaded keys the ring has room for beside the anchor.</param>
        public KeySet(IStorage storage, QrKeyRing ring, Ed25519Verifier verifier, int anchorKeyId, int maxKeys)
        {
            _storage = storage;
            _ring = ring;
            _verifier = verifier;
            _anchorKeyId = anchorKeyId;
            _maxKeys = maxKeys;
            _ids = new int[maxKeys];
        }

        /// <summary>The version of the set in force; 0 when none came yet.</summary>
        public uint Version { get; private set; }

        public int Count
        {
            get { return _count; }
        }

        /// <summary>At boot: puts the kept set into the ring. False when there is none or it is damaged (then version 0).</summary>
        public bool Restore()
        {
            int length = _storage.Length(FileName);
            if (length < 4 + KeySetBody.LengthFor(0) + 4 || length > 4 + KeySetBody.LengthFor(_maxKeys) + 4)
            {
                return false;
            }

            byte[] file = new byte[length];
            if (_storage.Read(FileName, 0, file, 0, length) != length
                || LittleEndian.ReadUInt32(file, length - 4) != Crc32.Compute(file, 0, length - 4)
                || Validate(file, 4, length - 8) != DownlinkStatus.Ok)
            {
                return false;
            }

            Install(LittleEndian.ReadUInt32(file, 0), file, 4);
            return true;
        }

        /// <summary>Installs the verified set <paramref name="body"/> as version <paramref name="version"/>: Applied, Stale, Malformed, Refused or StorageError.</summary>
        public DownlinkStatus Apply(uint version, byte[] body, int offset, int length)
        {
            if (version <= Version)
            {
                return DownlinkStatus.Stale;
            }

            DownlinkStatus valid = Validate(body, offset, length);
            if (valid != DownlinkStatus.Ok)
            {
                return valid;
            }

            byte[] file = new byte[4 + length + 4];
            LittleEndian.WriteUInt32(file, 0, version);
            System.Array.Copy(body, offset, file, 4, length);
            LittleEndian.WriteUInt32(file, 4 + length, Crc32.Compute(file, 0, 4 + length));
            try
            {
                _storage.Replace(FileName, file, 0, file.Length);
            }
            catch (IOException)
            {
                return DownlinkStatus.StorageError;
            }

            Install(version, body, offset);
            return DownlinkStatus.Applied;
        }

        private DownlinkStatus Validate(byte[] body, int offset, int length)
        {
            int count = KeySetBody.Count(body, offset, length);
            if (count < 0)
            {
                return DownlinkStatus.Malformed;
            }

            if (count > _maxKeys)
            {
                return DownlinkStatus.Refused;
            }

            for (int i = 0; i < count; i++)
            {
                int id = KeySetBody.KeyIdAt(body, offset, i);
                if (id == _anchorKeyId || !_verifier.TryPrepare(_scratch, body, KeySetBody.KeyOffset(offset, i)))
                {
                    return DownlinkStatus.Refused;
                }

                for (int j = 0; j < i; j++)
                {
                    if (KeySetBody.KeyIdAt(body, offset, j) == id)
                    {
                        return DownlinkStatus.Malformed;
                    }
                }
            }

            return DownlinkStatus.Ok;
        }

        private void Install(uint version, byte[] body, int offset)
        {
            for (int i = 0; i < _count; i++)
            {
                _ring.Remove(_ids[i]);
            }

            _count = body[offset];
            for (int i = 0; i < _count; i++)
            {
                _ids[i] = KeySetBody.KeyIdAt(body, offset, i);
                _ring.TryAdd(_ids[i], body, KeySetBody.KeyOffset(offset, i));
            }

            Version = version;
        }
    }
}
