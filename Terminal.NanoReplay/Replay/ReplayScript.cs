using System;
using Terminal.Firmware.Binary;

namespace Terminal.NanoReplay.Replay
{
    /// <summary>
    /// A recorded run of the firmware, as the host wrote it: the terminal's configuration and keys, the flash files it
    /// booted over, the phases with what each produced on .NET, and the stream of board calls (<see cref="ReplayTags"/>).
    /// All integers are little-endian; see docs/hardware.md, "Whole taps on the interpreter".
    /// </summary>
    public sealed class ReplayScript
    {
        public const int SecretSize = 32;
        public const int PublicKeySize = 32;

        public ReplayScript(byte[] bytes)
        {
            Bytes = bytes;
            int at = 0;
            if (bytes.Length < 4 || LittleEndian.ReadUInt32(bytes, 0) != ReplayTags.Magic)
            {
                throw new ArgumentException("not a replay script (no NRP1 magic)");
            }

            at += 4;
            var provisioning = new ReplayProvisioning();
            provisioning.TerminalId = (int)LittleEndian.ReadUInt32(bytes, at);
            provisioning.RouteId = (int)LittleEndian.ReadUInt32(bytes, at + 4);
            at += 8;
            provisioning.SectorKeyMaster = Slice(bytes, at, SecretSize);
            provisioning.MacMaster = Slice(bytes, at + SecretSize, SecretSize);
            at += 2 * SecretSize;
            provisioning.BackendKeyId = LittleEndian.ReadUInt16(bytes, at);
            provisioning.BackendPublicKey = Slice(bytes, at + 2, PublicKeySize);
            at += 2 + PublicKeySize;
            provisioning.QrKeyId = LittleEndian.ReadUInt16(bytes, at);
            provisioning.QrPublicKey = Slice(bytes, at + 2, PublicKeySize);
            at += 2 + PublicKeySize;
            Provisioning = provisioning;

            int files = LittleEndian.ReadUInt16(bytes, at);
            at += 2;
            FileNames = new string[files];
            FileContents = new byte[files][];
            for (int i = 0; i < files; i++)
            {
                int nameLength = bytes[at++];
                var name = new char[nameLength];
                for (int c = 0; c < nameLength; c++)
                {
                    name[c] = (char)bytes[at + c];
                }

                FileNames[i] = new string(name);
                at += nameLength;
                int length = (int)LittleEndian.ReadUInt32(bytes, at);
                FileContents[i] = Slice(bytes, at + 4, length);
                at += 4 + length;
            }

            int phases = bytes[at++];
            Phases = new ReplayPhase[phases];
            for (int i = 0; i < phases; i++)
            {
                var phase = new ReplayPhase();
                phase.Kind = (ReplayPhaseKind)bytes[at];
                phase.ExpectedOutcome = LittleEndian.ReadInt32(bytes, at + 1);
                phase.FromSequence = LittleEndian.ReadUInt32(bytes, at + 5);
                at += 9;
                int inputLength = (int)LittleEndian.ReadUInt32(bytes, at);
                phase.Input = Slice(bytes, at + 4, inputLength);
                at += 4 + inputLength;
                int journalLength = (int)LittleEndian.ReadUInt32(bytes, at);
                phase.ExpectedJournal = Slice(bytes, at + 4, journalLength);
                at += 4 + journalLength;
                Phases[i] = phase;
            }

            EventsStart = at;
        }

        public byte[] Bytes { get; }

        public ReplayProvisioning Provisioning { get; }

        public string[] FileNames { get; }

        public byte[][] FileContents { get; }

        public ReplayPhase[] Phases { get; }

        /// <summary>Where the stream of board calls starts.</summary>
        public int EventsStart { get; }

        private static byte[] Slice(byte[] bytes, int offset, int count)
        {
            var slice = new byte[count];
            Array.Copy(bytes, offset, slice, 0, count);
            return slice;
        }
    }
}
