namespace Terminal.Firmware.Loads
{
    /// <summary>The answer of a lookup, refilled in place so that a tap allocates nothing.</summary>
    public sealed class PendingLoad
    {
        public bool Found;

        /// <summary>The load's number on its card (1, 2, 3... per card; docs/pending-loads.md).</summary>
        public int Number;

        /// <summary>Cents to add to the card.</summary>
        public int Amount;

        public void Clear()
        {
            Found = false;
            Number = 0;
            Amount = 0;
        }
    }
}
