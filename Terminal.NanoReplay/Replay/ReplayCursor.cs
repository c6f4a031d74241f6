using System;
using Terminal.Firmware.Binary;

namespace Terminal.NanoReplay.Replay
{
    /// <summary>
    /// The read position in a script's stream of board calls, shared by the replayed SPI device, clock and serial port:
    /// each call the firmware makes takes the next recorded event, which must be of the same kind and, for what the
    /// firmware sends (MOSI bytes, serial writes, delays, clock sets), hold the same values. The first difference
    /// throws <see cref="ReplayDivergenceException"/> naming the event and its byte position, and is kept in
    /// <see cref="Divergence"/> in case the firmware caught it.
    /// </summary>
    public sealed class ReplayCursor
    {
        private readonly byte[] _script;
        private int _position;
        private int _event;

        public ReplayCursor(ReplayScript script)
        {
            _script = script.Bytes;
            _position = script.EventsStart;
        }

        /// <summary>The first divergence, or null while the run follows the recording.</summary>
        public string? Divergence { get; private set; }

        /// <summary>How many events the run has taken, the current one included (a divergence names it by this number).</summary>
        public int EventsUsed
        {
            get { return _event; }
        }

        /// <summary>SPI transfers answered so far.</summary>
        public int SpiTransfers { get; private set; }

        /// <summary>Bytes clocked over SPI so far (each one out and one in).</summary>
        public int SpiBytes { get; private set; }

        public void Transfer(byte[] write, int writeOffset, byte[] read, int readOffset, int count)
        {
            int at = Take(ReplayTags.Spi);
            int recorded = LittleEndian.ReadUInt16(_script, at);
            if (recorded != count)
            {
                Diverge("an SPI transfer of " + count + " bytes where the recording has " + recorded);
            }

            for (int i = 0; i < count; i++)
            {
                byte expected = _script[at + 2 + i];
                if (write[writeOffset + i] != expected)
                {
                    Diverge("SPI byte " + i + " sent as 0x" + write[writeOffset + i].ToString("x2") + " where the recording has 0x" + expected.ToString("x2"));
                }
            }

            Array.Copy(_script, at + 2 + count, read, readOffset, count);
            _position = at + 2 + 2 * count;
            SpiTransfers++;
            SpiBytes += count;
        }

        public long Monotonic()
        {
            return ReadInt64(ReplayTags.Monotonic);
        }

        public long WallClock()
        {
            return ReadInt64(ReplayTags.WallClock);
        }

        public void Delay(int microseconds)
        {
            int at = Take(ReplayTags.Delay);
            int recorded = LittleEndian.ReadInt32(_script, at);
            if (recorded != microseconds)
            {
                Diverge("a delay of " + microseconds + " us where the recording has " + recorded + " us");
            }

            _position = at + 4;
        }

        public void ClockSet(long unixSeconds)
        {
            int at = Take(ReplayTags.ClockSet);
            long recorded = LittleEndian.ReadInt64(_script, at);
            if (recorded != unixSeconds)
            {
                Diverge("the clock set to " + unixSeconds + " where the recording has " + recorded);
            }

            _position = at + 8;
        }

        public int SerialRead(byte[] buffer, int offset, int count)
        {
            int at = Take(ReplayTags.SerialRead);
            int asked = LittleEndian.ReadUInt16(_script, at);
            int returned = LittleEndian.ReadUInt16(_script, at + 2);
            if (asked != count)
            {
                Diverge("a serial read of up to " + count + " bytes where the recording has " + asked);
            }

            Array.Copy(_script, at + 4, buffer, offset, returned);
            _position = at + 4 + returned;
            return returned;
        }

        public void SerialWrite(byte[] buffer, int offset, int count)
        {
            int at = Take(ReplayTags.SerialWrite);
            int recorded = LittleEndian.ReadUInt16(_script, at);
            if (recorded != count)
            {
                Diverge("a serial write of " + count + " bytes where the recording has " + recorded);
            }

            for (int i = 0; i < count; i++)
            {
                if (buffer[offset + i] != _script[at + 2 + i])
                {
                    Diverge("serial byte " + i + " written as 0x" + buffer[offset + i].ToString("x2") + " where the recording has 0x" + _script[at + 2 + i].ToString("x2"));
                }
            }

            _position = at + 2 + count;
        }

        /// <summary>The start of phase <paramref name="index"/>: the previous phase must have used every event it recorded.</summary>
        public void StartPhase(int index)
        {
            int at = Take(ReplayTags.Phase);
            if (_script[at] != index)
            {
                Diverge("phase " + index + " started where the recording starts phase " + _script[at]);
            }

            _position = at + 1;
        }

        /// <summary>After the last phase: nothing recorded may be left unused.</summary>
        public void Finish()
        {
            Take(ReplayTags.End);
        }

        private long ReadInt64(byte tag)
        {
            int at = Take(tag);
            _position = at + 8;
            return LittleEndian.ReadInt64(_script, at);
        }

        /// <summary>Checks the next event's tag and returns where its body starts.</summary>
        private int Take(byte tag)
        {
            if (Divergence != null)
            {
                throw new ReplayDivergenceException(Divergence);
            }

            _event++;
            byte recorded = _position < _script.Length ? _script[_position] : ReplayTags.End;
            if (recorded != tag)
            {
                Diverge("a " + ReplayTags.Name(tag) + " where the recording has a " + ReplayTags.Name(recorded));
            }

            return _position + 1;
        }

        private void Diverge(string what)
        {
            Divergence = "replay diverged at event " + _event + " (script byte " + _position + "): " + what;
            throw new ReplayDivergenceException(Divergence);
        }
    }
}
