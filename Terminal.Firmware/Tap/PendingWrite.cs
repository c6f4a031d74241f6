using Terminal.Drivers.Iso14443;

namespace Terminal.Firmware.Tap
{
    /// <summary>
    /// A card write that was journaled but whose outcome is unknown: the card left between the
    /// write command and its acknowledgement. The next tap of the same card settles it by comparing
    /// the card's counter and balance with what was to be written.
    /// </summary>
    public sealed class PendingWrite
    {
        public readonly CardUid Uid = new CardUid();

        public bool Active;

        public int Counter;

        public int BalanceAfter;

        public int Amount;

        public long Time;

        public void Set(byte[] uid, int uidLength, int counter, int balanceAfter, int amount, long time)
        {
            Uid.Set(uid, 0, uidLength);
            Counter = counter;
            BalanceAfter = balanceAfter;
            Amount = amount;
            Time = time;
            Active = true;
        }

        public bool Matches(CardUid uid, long now, int windowSeconds)
        {
            return Active && Uid.SameAs(uid) && now - Time <= windowSeconds;
        }
    }
}
