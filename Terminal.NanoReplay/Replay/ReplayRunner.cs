using System;
using Terminal.Firmware.Composition;
using Terminal.Firmware.Crypto;
using Terminal.Firmware.Journal;
using Terminal.Firmware.Tap;
using Terminal.NanoTests;

namespace Terminal.NanoReplay.Replay
{
    /// <summary>
    /// Replays a recorded script through <see cref="ReplayTerminal"/> over in-memory flash holding the recorded files,
    /// the replayed reader chip, scanner and clock, and checks after every phase that the firmware gave the recorded
    /// outcome and journaled the recorded bytes. Prints one line per phase ("replay phase ...") and a closing line
    /// "replay ok ..." or "replay FAILED: ..." (nanoCLR prints nothing on an unhandled exception, so this is the verdict).
    /// </summary>
    public sealed class ReplayRunner : IPollPacer
    {
        /// <summary>More scanner polls than any recorded scan took; the recording decides the real number.</summary>
        public const int MaxScanPolls = 2000;

        private readonly ReplayScript _script;
        private readonly IHeapGauge _heap;

        public ReplayRunner(ReplayScript script, IHeapGauge heap)
        {
            _script = script;
            _heap = heap;
            PhaseTicks = new long[script.Phases.Length];
            PhaseHashCalls = new int[script.Phases.Length];
            PhaseHashTicks = new long[script.Phases.Length];
        }

        /// <summary>100 ns ticks each phase took in the last pass.</summary>
        public long[] PhaseTicks { get; }

        /// <summary>HMAC-SHA256 calls each phase made in the last pass, and the 100 ns ticks spent in them.</summary>
        public int[] PhaseHashCalls { get; }

        public long[] PhaseHashTicks { get; }

        /// <summary>The managed heap the booted terminal held after the last pass's phases, in bytes.</summary>
        public long HeapBytes { get; private set; }

        /// <summary>The first failure, or null when every phase matched.</summary>
        public string? Failure { get; private set; }

        public ReplayCursor? LastCursor { get; private set; }

        public ReplayTerminal? LastTerminal { get; private set; }

        public void BetweenPolls()
        {
        }

        /// <summary>Runs the script <paramref name="passes"/> times from power-on; true when every pass matched the recording.</summary>
        public bool Run(int passes)
        {
            for (int pass = 0; pass < passes && Failure == null; pass++)
            {
                RunPass(pass == passes - 1);
            }

            return Failure == null;
        }

        /// <summary>Appends <paramref name="count"/> copies of the last journaled record; the 100 ns ticks they took.</summary>
        public long TimeJournalAppends(int count)
        {
            var record = new TxRecord();
            var buffer = new byte[TxRecordCodec.Size];
            Journal journal = LastTerminal!.Journal;
            journal.ReadBatch(journal.LastSequence, buffer, 0, 1);
            TxRecordCodec.Decode(buffer, 0, record);
            long started = DateTime.UtcNow.Ticks;
            for (int i = 0; i < count; i++)
            {
                if (!Journal.IsDurable(journal.Append(record)))
                {
                    Failure = "journal append " + i + " was not durable";
                }
            }

            return DateTime.UtcNow.Ticks - started;
        }

        private void RunPass(bool last)
        {
            var storage = new MemoryStorage();
            for (int i = 0; i < _script.FileNames.Length; i++)
            {
                byte[] content = _script.FileContents[i];
                storage.Replace(_script.FileNames[i], content, 0, content.Length);
            }

            // The previous pass's terminal goes first, so that the heap reading counts this pass's terminal alone.
            LastCursor = null;
            LastTerminal = null;
            long freeBefore = _heap.FreeBytesAfterCollection();
            var cursor = new ReplayCursor(_script);
            var clock = new ReplayClock(cursor);
            var hashing = new MeteredHmacSha256(new ManagedHmacSha256());
            var terminal = new ReplayTerminal(
                new ReplaySpiDevice(cursor), new ReplaySerialPort(cursor), clock, clock, storage, new NoUplink(), hashing, _script.Provisioning);
            LastCursor = cursor;
            LastTerminal = terminal;
            for (int i = 0; i < _script.Phases.Length && Failure == null; i++)
            {
                ReplayPhase phase = _script.Phases[i];
                int hashCalls = hashing.Calls;
                long hashTicks = hashing.Ticks;
                long started = DateTime.UtcNow.Ticks;
                int outcome;
                try
                {
                    cursor.StartPhase(i);
                    outcome = RunPhase(terminal, phase);
                }
                catch (ReplayDivergenceException divergence)
                {
                    Failure = "phase " + i + " (" + KindName(phase.Kind) + "): " + divergence.Message;
                    return;
                }

                long ticks = DateTime.UtcNow.Ticks - started;
                if (cursor.Divergence != null)
                {
                    Failure = "phase " + i + " (" + KindName(phase.Kind) + "): " + cursor.Divergence + " (caught by the firmware)";
                    return;
                }

                if (outcome != phase.ExpectedOutcome)
                {
                    Failure = "phase " + i + " (" + KindName(phase.Kind) + "): outcome " + outcome + " where the recording has " + phase.ExpectedOutcome;
                    return;
                }

                string journaled = CompareJournal(terminal.Journal, phase);
                if (journaled.Length > 0)
                {
                    Failure = "phase " + i + " (" + KindName(phase.Kind) + "): " + journaled;
                    return;
                }

                if (last)
                {
                    PhaseTicks[i] = ticks;
                    PhaseHashCalls[i] = hashing.Calls - hashCalls;
                    PhaseHashTicks[i] = hashing.Ticks - hashTicks;
                }
            }

            try
            {
                cursor.Finish();
            }
            catch (ReplayDivergenceException divergence)
            {
                Failure = "after the last phase: " + divergence.Message;
                return;
            }

            if (last)
            {
                HeapBytes = freeBefore - _heap.FreeBytesAfterCollection();
            }
        }

        private int RunPhase(ReplayTerminal terminal, ReplayPhase phase)
        {
            switch (phase.Kind)
            {
                case ReplayPhaseKind.Boot:
                    return terminal.Boot();
                case ReplayPhaseKind.CardTap:
                    return (int)terminal.Tap.Poll();
                case ReplayPhaseKind.QrScan:
                    return (int)terminal.Scan(MaxScanPolls, this);
                case ReplayPhaseKind.Downlink:
                    return (int)terminal.Downlink.Agent.Handle(phase.Input, 0, phase.Input.Length);
                default:
                    throw new ReplayDivergenceException("unknown phase kind " + (int)phase.Kind);
            }
        }

        /// <summary>Empty when the journal holds exactly the recorded records from the phase's first sequence; what differs otherwise.</summary>
        private static string CompareJournal(Journal journal, ReplayPhase phase)
        {
            int expectedRecords = phase.ExpectedJournal.Length / TxRecordCodec.Size;
            var actual = new byte[(expectedRecords + 1) * TxRecordCodec.Size];
            int records = journal.ReadBatch(phase.FromSequence, actual, 0, expectedRecords + 1);
            if (records != expectedRecords)
            {
                return records + " journal records from sequence " + phase.FromSequence + " where the recording has " + expectedRecords;
            }

            for (int i = 0; i < phase.ExpectedJournal.Length; i++)
            {
                if (actual[i] != phase.ExpectedJournal[i])
                {
                    return "journal record " + (i / TxRecordCodec.Size) + " byte " + (i % TxRecordCodec.Size) + " is 0x" + actual[i].ToString("x2")
                        + " where .NET journaled 0x" + phase.ExpectedJournal[i].ToString("x2");
                }
            }

            return string.Empty;
        }

        public static string KindName(ReplayPhaseKind kind)
        {
            switch (kind)
            {
                case ReplayPhaseKind.Boot: return "boot";
                case ReplayPhaseKind.CardTap: return "tap";
                case ReplayPhaseKind.QrScan: return "qr";
                case ReplayPhaseKind.Downlink: return "downlink";
                default: return "unknown";
            }
        }
    }
}
