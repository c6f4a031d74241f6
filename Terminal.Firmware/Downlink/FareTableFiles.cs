using System.IO;
using Terminal.Drivers.Hal;
using Terminal.Firmware.Fares;

namespace Terminal.Firmware.Downlink
{
    /// <summary>
    /// Keeps the accepted fare tables on flash, as the signed bytes the backend sent, so a reboot offers them to the
    /// <see cref="FareTableStore"/> again (which verifies them again): "fares.now" the table that took effect on
    /// arrival, "fares.next" one waiting for its valid-from. Each file is written whole with Replace, so a power cut
    /// leaves the old or the new table. When a table takes effect the pending file is deleted after the new one is
    /// written; a cut between leaves an older pending file, which the store refuses as not newer and boot deletes.
    /// </summary>
    public sealed class FareTableFiles
    {
        public const string InForceFile = "fares.now";
        public const string PendingFile = "fares.next";

        /// <summary>The largest table the format allows: every section at its limit, plus the signature.</summary>
        public static readonly int MaxTableBytes = FareTableFormat.SignedLength(
            FareTableFormat.MaxLanguages, FareTableFormat.MaxRoutes, FareTableFormat.MaxZones, FareTableFormat.CardTypeCount, FareTableFormat.MaxPromotions)
            + FareTableFormat.SignatureSize;

        private readonly IStorage _storage;

        public FareTableFiles(IStorage storage)
        {
            _storage = storage;
        }

        /// <summary>Persists a table the store just accepted with <paramref name="accepted"/> (Loaded or Pending); false when the flash refused.</summary>
        public bool Save(FareTableStatus accepted, byte[] table, int offset, int count)
        {
            try
            {
                if (accepted == FareTableStatus.Pending)
                {
                    _storage.Replace(PendingFile, table, offset, count);
                    return true;
                }

                _storage.Replace(InForceFile, table, offset, count);
                _storage.Delete(PendingFile);
                return true;
            }
            catch (IOException)
            {
                return false;
            }
        }

        /// <summary>
        /// At boot: offers the kept tables, the one in force first, to <paramref name="store"/> at <paramref name="now"/>,
        /// and deletes a pending file the store no longer wants. Returns how many tables the store took.
        /// </summary>
        public int Restore(FareTableStore store, long now)
        {
            byte[] buffer = new byte[MaxTableBytes];
            int taken = Offer(store, InForceFile, buffer, now) ? 1 : 0;
            if (_storage.Exists(PendingFile))
            {
                if (Offer(store, PendingFile, buffer, now))
                {
                    taken++;
                }
                else
                {
                    _storage.Delete(PendingFile);
                }
            }

            return taken;
        }

        private bool Offer(FareTableStore store, string name, byte[] buffer, long now)
        {
            int length = _storage.Length(name);
            if (length <= 0 || length > buffer.Length || _storage.Read(name, 0, buffer, 0, length) != length)
            {
                return false;
            }

            FareTableStatus status = store.Load(buffer, 0, length, now);
            return status == FareTableStatus.Loaded || status == FareTableStatus.Pending;
        }
    }
}
