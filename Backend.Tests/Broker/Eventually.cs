namespace Backend.Tests.Broker;

/// <summary>Polls a condition that another process or thread will make true, with a bound so a failure fails fast.</summary>
internal static class Eventually
{
    public static async Task<bool> TrueAsync(Func<bool> condition, double seconds = 10)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                return false;
            }

            await Task.Delay(20);
        }

        return true;
    }
}
