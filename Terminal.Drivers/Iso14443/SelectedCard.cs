namespace Terminal.Drivers.Iso14443
{
    /// <summary>What activation learnt about a card; allocated once and refilled at every tap.</summary>
    public sealed class SelectedCard
    {
        public readonly CardUid Uid = new CardUid();

        /// <summary>ATQA as received, first byte in bits 0..7 (meaningless when several cards answered at once).</summary>
        public int Atqa;

        /// <summary>SAK of the last cascade level.</summary>
        public int Sak;

        public CardType Type;

        public void Clear()
        {
            Uid.Clear();
            Atqa = 0;
            Sak = 0;
            Type = CardType.Unknown;
        }

        public void CopyFrom(SelectedCard other)
        {
            Uid.CopyFrom(other.Uid);
            Atqa = other.Atqa;
            Sak = other.Sak;
            Type = other.Type;
        }
    }
}
