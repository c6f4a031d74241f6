using Terminal.Drivers.Iso14443;

namespace Terminal.Firmware.Tap
{
    /// <summary>
    /// A card write that was journaled but whose outcome is unknown: the card left between the
    /// write command and its acknowledgement. The next tap of the same card settles it by comparing
    /// the card's counter and balance with what was to be written. A pending load's write settles the same way.
    /// </summary>
    public sealed class PendingWrite
    {
        public readonly CardUid Uid = new CardUid();

        public bool Active;

        public int Counter;

        public int BalanceAfter;

        public int Amount;

        public long Time;

        /// <summary>True when the write carried a pending load (<see cref="LoadNumber"/>) rather than a fare.</summary>
        public bool IsLoad;

        public int LoadNumber;

        public void Set(byte[] uid, int uidLength, int counter, int balanceAfter, int amount, long time)
        {
            Uid.Set(uid, 0, uidLength);
            Counter = counter;
            BalanceAfter = balanceAfter;
            Amount = amount;
            Time = time;
            IsLoad = false;
            LoadNumber = 0;
            Active = true;
        }

        public void SetLoad(byte[] uid, int uidLength, int counter, int balanceAfter, int amount, long time, int loadNumber)
        {
            Set(uid, uidLength, counter, balanceAfter, amount, time);
            IsLoad = true;
            LoadNumber = loadNumber;
        }

        public bool Matches(CardUid uid, long now, int windowSeconds)
        {
            return Active && Uid.SameAs(uid) && now - Time <= windowSeconds;
        }
    }
}
