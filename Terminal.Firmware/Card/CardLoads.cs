namespace Terminal.Firmware.Card
{
    /// <summary>
    /// Which pending loads a card already took, from its two traces (docs/card-format.md, "Block 10"): the full
    /// number in block 10, written after the purse, and the low byte in the purse's load tag, written with the
    /// value. Numbers count per card and compare with 16-bit serial arithmetic, as the purse counter does.
    /// </summary>
    public static class CardLoads
    {
        /// <summary>
        /// The number of the last load on the card. With block 10 readable (or blank: 0) it is the first number
        /// from there whose low byte is the tag: the purse may be one load ahead of a block 10 whose write was
        /// torn. With block 10 torn it is the last number up to <paramref name="offered"/> carrying the tag.
        /// </summary>
        public static int LastTaken(bool recordReadable, int recorded, int tag, int offered)
        {
            if (recordReadable)
            {
                return (recorded + ((tag - recorded) & 0xFF)) & 0xFFFF;
            }

            return (offered - ((offered - tag) & 0xFF)) & 0xFFFF;
        }

        /// <summary>True when load <paramref name="offered"/> is newer than the card's last one, so it is still to be applied.</summary>
        public static bool IsDue(int offered, int lastTaken)
        {
            return PurseSlots.IsNewer(offered, lastTaken);
        }
    }
}
