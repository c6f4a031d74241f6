using System;

namespace Terminal.NanoReplay.Replay
{
    /// <summary>The firmware made a board call the recording does not hold at that point: the runs are no longer the same.</summary>
    public sealed class ReplayDivergenceException : Exception
    {
        public ReplayDivergenceException(string message)
            : base(message)
        {
        }
    }
}
