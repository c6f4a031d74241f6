using Terminal.Firmware.Binary;
using System.IO;

namespace Terminal.Firmware.Blacklist
{
    /// <summary>
    /// Updates. Each one writes new table files into the slots that are not live, then replaces the manifest:
    /// a power cut before that replace leaves the previous version, after it the new one. Files of an abandoned
    /// update are deleted by the next <see cref="Open"/>.
    /// </summary>
    public sealed partial class BlacklistStore
    {
        /// <summary>An overlay larger than this is merged into its base segments by <see cref="CompactIfNeeded"/>.</summary>
        public const int CompactionThresholdBytes = 16 * 1024;

        /// <summary>
        /// Installs version <paramref name="version"/> from a full list of listings, whatever is installed.
        /// An intact previous version stays until the new one is complete, so the drive needs room for both.
        /// </summary>
        public BlacklistStatus LoadSnapshot(uint version, BlacklistChanges listings)
        {
            for (int i = 0; i < listings.Count; i++)
            {
                if (listings.ReasonAt(i) == 0)
                {
                    return BlacklistStatus.InvalidEntry;
                }
            }

            if (status != BlacklistStatus.Ok)
            {
                DeleteAllTables();
            }

            BlacklistManifest next = status == BlacklistStatus.Ok ? manifest.Copy() : new BlacklistManifest();
            next.Version = version;
            next.Seed = SeedFor(version);
            next.Listed = 0;
            try
            {
                for (int kind = 0; kind < BlacklistKinds.Count; kind++)
                {
                    next.DropOverlay(kind);
                    MixedEntries entries = Collect(listings, kind, next.Seed);
                    entries.SortAndSettle(false);
                    next.Listed += entries.Count;
                    int from = 0;
                    for (int segment = 0; segment < BlacklistManifest.Segments; segment++)
                    {
                        int to = SegmentEnd(entries, from, kind, segment);
                        BlacklistStatus staged = Stage(next, kind, segment, entries, from, to);
                        if (staged != BlacklistStatus.Ok)
                        {
                            return Abandon(staged);
                        }

                        from = to;
                    }
                }

                return Commit(next);
            }
            catch (IOException)
            {
                return Abandon(BlacklistStatus.StorageFull);
            }
        }

        /// <summary>
        /// Moves the installed version v = <paramref name="baseVersion"/> to v + 1 by listing, re-listing (new
        /// reason) and removing keys; refused unless v is installed. Only the overlays of the kinds it touches
        /// are rewritten.
        /// </summary>
        public BlacklistStatus ApplyDelta(uint baseVersion, BlacklistChanges changes)
        {
            if (status != BlacklistStatus.Ok)
            {
                return BlacklistStatus.NotLoaded;
            }

            if (baseVersion != manifest.Version)
            {
                return BlacklistStatus.WrongBaseVersion;
            }

            BlacklistManifest next = manifest.Copy();
            next.Version = baseVersion + 1;
            try
            {
                for (int kind = 0; kind < BlacklistKinds.Count; kind++)
                {
                    MixedEntries delta = Collect(changes, kind, manifest.Seed);
                    if (delta.Count == 0)
                    {
                        continue;
                    }

                    delta.SortAndSettle(true);
                    MixedEntries overlay = new MixedEntries(16);
                    int overlayTable = BlacklistManifest.Table(kind, BlacklistManifest.Overlay);
                    if (directory.IsPresent(overlayTable) && !TableDecoder.DecodeInto(storage, directory.Name(overlayTable), kind, overlay))
                    {
                        return MarkCorrupt();
                    }

                    MixedEntries merged = new MixedEntries(overlay.Count + delta.Count);
                    int listedChange;
                    if (!MergeIntoOverlay(kind, overlay, delta, merged, out listedChange))
                    {
                        return MarkCorrupt();
                    }

                    next.Listed += listedChange;
                    if (merged.Count == 0)
                    {
                        next.DropOverlay(kind);
                    }
                    else
                    {
                        BlacklistStatus staged = Stage(next, kind, BlacklistManifest.Overlay, merged, 0, merged.Count);
                        if (staged != BlacklistStatus.Ok)
                        {
                            return Abandon(staged);
                        }
                    }
                }

                return Commit(next);
            }
            catch (IOException)
            {
                return Abandon(BlacklistStatus.StorageFull);
            }
        }

        public bool NeedsCompaction
        {
            get
            {
                if (status != BlacklistStatus.Ok)
                {
                    return false;
                }

                for (int kind = 0; kind < BlacklistKinds.Count; kind++)
                {
                    if (manifest.Lengths[BlacklistManifest.Table(kind, BlacklistManifest.Overlay)] > CompactionThresholdBytes)
                    {
                        return true;
                    }
                }

                return false;
            }
        }

        public BlacklistStatus CompactIfNeeded()
        {
            return NeedsCompaction ? Compact() : status;
        }

        /// <summary>
        /// Merges every overlay into its base segments, one segment per manifest replace, then drops the
        /// overlays. The listed keys never change, so a cut between steps leaves the same version, correct.
        /// </summary>
        public BlacklistStatus Compact()
        {
            if (status != BlacklistStatus.Ok)
            {
                return BlacklistStatus.NotLoaded;
            }

            try
            {
                for (int kind = 0; kind < BlacklistKinds.Count; kind++)
                {
                    BlacklistStatus result = CompactKind(kind);
                    if (result != BlacklistStatus.Ok)
                    {
                        return result;
                    }
                }

                return status;
            }
            catch (IOException)
            {
                return Abandon(BlacklistStatus.StorageFull);
            }
        }

        private BlacklistStatus CompactKind(int kind)
        {
            int overlayTable = BlacklistManifest.Table(kind, BlacklistManifest.Overlay);
            if (!directory.IsPresent(overlayTable))
            {
                return BlacklistStatus.Ok;
            }

            MixedEntries overlay = new MixedEntries(16);
            if (!TableDecoder.DecodeInto(storage, directory.Name(overlayTable), kind, overlay))
            {
                return MarkCorrupt();
            }

            int from = 0;
            for (int segment = 0; segment < BlacklistManifest.Segments; segment++)
            {
                int to = SegmentEnd(overlay, from, kind, segment);
                if (to == from)
                {
                    continue;
                }

                MixedEntries merged = new MixedEntries(to - from);
                if (!TableDecoder.DecodeInto(storage, directory.Name(BlacklistManifest.Table(kind, segment)), kind, merged))
                {
                    return MarkCorrupt();
                }

                for (int i = from; i < to; i++)
                {
                    merged.Add(overlay.High[i], overlay.Low[i], overlay.Reason[i]);
                }

                merged.SortAndSettle(false);
                BlacklistManifest step = manifest.Copy();
                BlacklistStatus result = Stage(step, kind, segment, merged, 0, merged.Count);
                if (result == BlacklistStatus.Ok)
                {
                    result = Commit(step);
                }

                if (result != BlacklistStatus.Ok)
                {
                    return result == BlacklistStatus.TooLarge ? Abandon(result) : result;
                }

                from = to;
            }

            BlacklistManifest last = manifest.Copy();
            last.DropOverlay(kind);
            return Commit(last);
        }

        /// <summary>
        /// Walks the sorted overlay and the settled delta together into the new overlay, keeping a delta entry only
        /// where it differs from the base (a removal of a key the base lacks, or a listing the base already has
        /// with that reason, needs no overlay entry). Counts how the number of listed keys changes.
        /// </summary>
        private bool MergeIntoOverlay(int kind, MixedEntries overlay, MixedEntries delta, MixedEntries merged, out int listedChange)
        {
            listedChange = 0;
            int i = 0;
            for (int j = 0; j < delta.Count; j++)
            {
                while (i < overlay.Count && IsBefore(overlay, i, delta, j))
                {
                    merged.Add(overlay.High[i], overlay.Low[i], overlay.Reason[i]);
                    i++;
                }

                int inBase = FindInBase(kind, delta.High[j], delta.Low[j]);
                if (inBase == TableDirectory.Corrupt)
                {
                    return false;
                }

                int before = inBase;
                if (i < overlay.Count && overlay.High[i] == delta.High[j] && overlay.Low[i] == delta.Low[j])
                {
                    before = overlay.Reason[i];
                    i++;
                }

                int after = delta.Reason[j];
                listedChange += (after != 0 ? 1 : 0) - (before != 0 ? 1 : 0);
                if (after != inBase)
                {
                    merged.Add(delta.High[j], delta.Low[j], delta.Reason[j]);
                }
            }

            for (; i < overlay.Count; i++)
            {
                merged.Add(overlay.High[i], overlay.Low[i], overlay.Reason[i]);
            }

            return true;
        }

        private int FindInBase(int kind, ulong high, ulong low)
        {
            int half = BlacklistKinds.HalfBits(kind);
            int segment = (int)MixedSplit.Prefix(high, low, half, BlacklistManifest.SegmentBits);
            int found = directory.Find(storage, BlacklistManifest.Table(kind, segment), half, high, low, pageBuffer);
            return found == TableDirectory.NotFound ? 0 : found;
        }

        private static bool IsBefore(MixedEntries a, int i, MixedEntries b, int j)
        {
            return a.High[i] < b.High[j] || (a.High[i] == b.High[j] && a.Low[i] < b.Low[j]);
        }

        private static MixedEntries Collect(BlacklistChanges changes, int kind, uint seed)
        {
            MixedEntries entries = new MixedEntries(16);
            for (int i = 0; i < changes.Count; i++)
            {
                if (changes.KindAt(i) == kind)
                {
                    ulong high;
                    ulong low;
                    KeyMixer.Mix(changes.Keys, i * BlacklistChanges.KeyStride, kind, seed, out high, out low);
                    entries.Add(high, low, changes.ReasonAt(i));
                }
            }

            return entries;
        }

        /// <summary>Sorted entries of one segment are contiguous: returns the end of the run starting at <paramref name="from"/>.</summary>
        private static int SegmentEnd(MixedEntries entries, int from, int kind, int segment)
        {
            int half = BlacklistKinds.HalfBits(kind);
            int to = from;
            while (to < entries.Count && (int)MixedSplit.Prefix(entries.High[to], entries.Low[to], half, BlacklistManifest.SegmentBits) == segment)
            {
                to++;
            }

            return to;
        }

        private static uint SeedFor(uint version)
        {
            return (version * 0x9E3779B1) ^ 0x5BD1E995;
        }

        private BlacklistStatus Stage(BlacklistManifest next, int kind, int segment, MixedEntries entries, int from, int to)
        {
            int prefixBits = segment == BlacklistManifest.Overlay ? 0 : BlacklistManifest.SegmentBits;
            byte[]? file = TableWriter.Build(entries, from, to, kind, prefixBits, segment, next.Seed);
            if (file == null)
            {
                return BlacklistStatus.TooLarge;
            }

            storage.Replace(BlacklistManifest.TableName(kind, segment, next.StagingSlot(kind, segment)), file, 0, file.Length);
            next.SwitchSlot(kind, segment, file.Length, Crc32.Compute(file, 0, file.Length));
            return BlacklistStatus.Ok;
        }

        /// <summary>The atomic step: the new manifest replaces the old, then the store reloads and drops stale files.</summary>
        private BlacklistStatus Commit(BlacklistManifest next)
        {
            byte[] data = next.Encode();
            storage.Replace(BlacklistManifest.FileName, data, 0, data.Length);
            return Open();
        }

        /// <summary>Deletes what the failed update staged; the installed version (if any) is untouched.</summary>
        private BlacklistStatus Abandon(BlacklistStatus reason)
        {
            if (status == BlacklistStatus.Ok)
            {
                DeleteStaleSlots();
            }
            else
            {
                DeleteAllTables();
            }

            return reason;
        }

        private BlacklistStatus MarkCorrupt()
        {
            status = BlacklistStatus.Corrupt;
            return status;
        }

        private void DeleteAllTables()
        {
            for (int kind = 0; kind < BlacklistKinds.Count; kind++)
            {
                for (int segment = 0; segment < BlacklistManifest.TablesPerKind; segment++)
                {
                    for (int slot = 0; slot < 2; slot++)
                    {
                        string name = BlacklistManifest.TableName(kind, segment, slot);
                        if (storage.Exists(name))
                        {
                            storage.Delete(name);
                        }
                    }
                }
            }
        }
    }
}
