namespace Terminal.NanoReplay.Replay
{
    /// <summary>What happens between two scanner polls: simulated time passes on the host; nothing on a replay, whose clock is recorded.</summary>
    public interface IPollPacer
    {
        void BetweenPolls();
    }
}
