using Terminal.Drivers.Reader;
using Terminal.Firmware.Blacklist;
using Terminal.Firmware.Journal;
using Terminal.Firmware.Tap;

namespace Terminal.Firmware.Composition
{
    /// <summary>What <see cref="TerminalFirmware.Boot"/> loaded and what failed, for the boot log and the tests.</summary>
    public sealed class TerminalBootReport
    {
        /// <summary>The identity and keys file: Ok when the keys are present.</summary>
        public ProvisioningStatus Provisioning = ProvisioningStatus.Missing;

        public ReaderStatus Reader = ReaderStatus.Ok;

        public JournalStatus Journal = JournalStatus.NotOpen;

        /// <summary>Records recovered from flash that the backend has not acknowledged yet.</summary>
        public uint JournalUnacknowledged;

        /// <summary>The sequence the next record will take.</summary>
        public uint JournalNextSequence;

        public BlacklistStatus Blacklist = BlacklistStatus.NotLoaded;

        /// <summary>The installed blacklist's version; 0 when none is trusted.</summary>
        public uint BlacklistVersion;

        /// <summary>How many fare tables were restored from flash and verified.</summary>
        public int FareTablesRestored;

        /// <summary>The version of the fare table in force; 0 when none.</summary>
        public uint FareTableVersion;

        /// <summary>True when the provisioning file holds the keys.</summary>
        public bool KeysPresent
        {
            get { return Provisioning == ProvisioningStatus.Ok; }
        }

        /// <summary>True when the terminal takes fares: keys present and the reader answered.</summary>
        public bool Serving
        {
            get { return KeysPresent && Reader == ReaderStatus.Ok; }
        }

        /// <summary>One line for the boot log; statuses as their numbers (the device has no enum names).</summary>
        public string Describe()
        {
            return "boot report: keys " + (KeysPresent ? "present" : "missing (" + (int)Provisioning + ")")
                + ", reader " + (int)Reader
                + ", journal " + (int)Journal + " with " + JournalUnacknowledged + " unacknowledged, next " + JournalNextSequence
                + ", blacklist " + (int)Blacklist + " v" + BlacklistVersion
                + ", fare tables " + FareTablesRestored + " v" + FareTableVersion
                + (Serving ? ", serving" : ", out of service");
        }
    }
}
