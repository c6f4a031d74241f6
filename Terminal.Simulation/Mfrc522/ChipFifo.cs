namespace Terminal.Simulation.Mfrc522;

/// <summary>
/// The MFRC522's 64-byte FIFO with its water-level alerts (datasheet §8.3). A byte pushed into a
/// full FIFO is lost; the caller raises BufferOvfl.
/// </summary>
internal sealed class ChipFifo
{
    public const int Capacity = 64;

    private readonly byte[] _bytes = new byte[Capacity];
    private int _head;

    public int Level { get; private set; }

    /// <summary>WaterLevelReg bits 5..0.</summary>
    public int WaterLevel { get; set; } = 8;

    /// <summary>Status1Reg HiAlert: at most WaterLevel free places left.</summary>
    public bool HiAlert => Capacity - Level <= WaterLevel;

    /// <summary>Status1Reg LoAlert: at most WaterLevel bytes stored.</summary>
    public bool LoAlert => Level <= WaterLevel;

    public bool TryPush(byte value)
    {
        if (Level == Capacity)
        {
            return false;
        }

        _bytes[(_head + Level) % Capacity] = value;
        Level++;
        return true;
    }

    /// <summary>Reading an empty FIFO returns 0 and leaves it empty.</summary>
    public byte Pop()
    {
        if (Level == 0)
        {
            return 0;
        }

        var value = _bytes[_head];
        _head = (_head + 1) % Capacity;
        Level--;
        return value;
    }

    public byte[] PopAll()
    {
        var all = new byte[Level];
        for (var i = 0; i < all.Length; i++)
        {
            all[i] = Pop();
        }

        return all;
    }

    public void Flush()
    {
        _head = 0;
        Level = 0;
    }
}
