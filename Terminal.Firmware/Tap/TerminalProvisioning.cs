using Terminal.Firmware.Binary;
using Terminal.Drivers.Hal;
using Terminal.Firmware.Journal;

namespace Terminal.Firmware.Tap
{
    /// <summary>
    /// The terminal's identity and secrets, written to I: by provisioning (nanoff --filedeployment) and
    /// never part of the image. File "terminal.key", little-endian: magic "BFK1" | terminal id u32 |
    /// route u16 | backend key id u16 | backend Ed25519 public key 32 | card key-A master 32 | card MAC
    /// master 32 | CRC-32 of all before.
    /// </summary>
    public sealed class TerminalProvisioning
    {
        public const string FileName = "terminal.key";
        public const int SecretSize = 32;
        public const int Size = 4 + 4 + 2 + 2 + 3 * SecretSize + 4;
        private static readonly byte[] Magic = new byte[] { (byte)'B', (byte)'F', (byte)'K', (byte)'1' };

        public int TerminalId;

        public int RouteId;

        public int BackendKeyId;

        public readonly byte[] BackendPublicKey = new byte[SecretSize];

        public readonly byte[] SectorKeyMaster = new byte[SecretSize];

        public readonly byte[] MacMaster = new byte[SecretSize];

        public ProvisioningStatus Load(IStorage storage)
        {
            if (storage.Length(FileName) < 0)
            {
                return ProvisioningStatus.Missing;
            }

            byte[] file = new byte[Size];
            if (storage.Length(FileName) != Size || storage.Read(FileName, 0, file, 0, Size) != Size)
            {
                return ProvisioningStatus.Corrupt;
            }

            for (int i = 0; i < Magic.Length; i++)
            {
                if (file[i] != Magic[i])
                {
                    return ProvisioningStatus.Corrupt;
                }
            }

            if (Crc32.Compute(file, 0, Size - 4) != LittleEndian.ReadUInt32(file, Size - 4))
            {
                return ProvisioningStatus.Corrupt;
            }

            TerminalId = (int)LittleEndian.ReadUInt32(file, 4);
            RouteId = LittleEndian.ReadUInt16(file, 8);
            BackendKeyId = LittleEndian.ReadUInt16(file, 10);
            System.Array.Copy(file, 12, BackendPublicKey, 0, SecretSize);
            System.Array.Copy(file, 12 + SecretSize, SectorKeyMaster, 0, SecretSize);
            System.Array.Copy(file, 12 + 2 * SecretSize, MacMaster, 0, SecretSize);
            return ProvisioningStatus.Ok;
        }

        /// <summary>The file's bytes, for the provisioning tool.</summary>
        public byte[] Encode()
        {
            byte[] file = new byte[Size];
            System.Array.Copy(Magic, 0, file, 0, Magic.Length);
            LittleEndian.WriteUInt32(file, 4, (uint)TerminalId);
            LittleEndian.WriteUInt16(file, 8, RouteId);
            LittleEndian.WriteUInt16(file, 10, BackendKeyId);
            System.Array.Copy(BackendPublicKey, 0, file, 12, SecretSize);
            System.Array.Copy(SectorKeyMaster, 0, file, 12 + SecretSize, SecretSize);
            System.Array.Copy(MacMaster, 0, file, 12 + 2 * SecretSize, SecretSize);
            LittleEndian.WriteUInt32(file, Size - 4, Crc32.Compute(file, 0, Size - 4));
            return file;
        }
    }
}
