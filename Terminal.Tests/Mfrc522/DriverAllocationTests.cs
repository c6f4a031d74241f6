using Terminal.Drivers.Reader;
using Terminal.Simulation.Timing;
using Xunit;
using Pcd = Terminal.Drivers.Mfrc522.Mfrc522;

namespace Terminal.Tests.Mfrc522;

/// <summary>The tap path allocates nothing: exchanges run on buffers the driver made at construction.</summary>
public sealed class DriverAllocationTests
{
    private const int Calls = 1_000;

    [Fact]
    public void TransceiveAuthenticateAndCrcAllocateNothing()
    {
        var driver = new Pcd(new CannedSpi(), new SimulatedClock());
        Assert.Equal(ReaderStatus.Ok, driver.Init());
        var x = new PcdExchange();
        var key = new byte[6];
        var uid = new byte[4];
        var crc = new byte[2];
        var failures = RunAll(driver, x, key, uid, crc);

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < Calls; i++)
        {
            failures += RunAll(driver, x, key, uid, crc);
        }

        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Equal(0, failures);
        Assert.Equal(0, allocated);
    }

    /// <summary>Counts the calls that did not return Ok (asserting inside the loop would allocate).</summary>
    private static int RunAll(Pcd driver, PcdExchange x, byte[] key, byte[] uid, byte[] crc)
    {
        var failures = 0;
        x.Start(2, true, true, 5_000);
        x.Tx[0] = 0x30;
        failures += driver.Transceive(x) == ReaderStatus.Ok ? 0 : 1;
        x.Start(1, false, false, 1_000);
        x.TxLastBits = 7;
        failures += driver.Transceive(x) == ReaderStatus.Ok ? 0 : 1;
        failures += driver.Authenticate(0x60, 4, key, 0, uid, 0) == ReaderStatus.Ok ? 0 : 1;
        driver.StopCrypto1();
        failures += driver.CalculateCrc(x.Tx, 0, 2, crc, 0) == ReaderStatus.Ok ? 0 : 1;
        return failures;
    }
}
