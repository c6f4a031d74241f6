using System.Text;
using Terminal.Drivers.Hal;

namespace Terminal.Simulation.Indicators;

/// <summary>
/// Stands in for the LEDs, the buzzer and the display: keeps their current state and a timeline
/// of every change, for assertions and for the emulator's console view. It checks what a real
/// display would choke on: rows out of range, invalid UTF-8, text wider than the display.
/// </summary>
public sealed class IndicatorRecorder(IClock clock, int rows = 2, int columns = 16) : ITextDisplay
{
    public const string Green = "green";
    public const string Red = "red";
    public const string Amber = "amber";
    public const string Buzzer = "buzzer";

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private readonly Dictionary<string, bool> _pins = [];
    private readonly string[] _rows = Enumerable.Repeat("", rows).ToArray();
    private readonly List<IndicatorEvent> _timeline = [];

    public int Rows => rows;

    public int Columns => columns;

    public IReadOnlyList<IndicatorEvent> Timeline => _timeline;

    /// <summary>An output pin recorded under <paramref name="name"/>; starts off.</summary>
    public IDigitalOutput Pin(string name)
    {
        _pins.TryAdd(name, false);
        return new RecordedPin(this, name);
    }

    public bool IsOn(string pin) => _pins.TryGetValue(pin, out var on) && on;

    public string Row(int row) => _rows[row];

    public void WriteRow(int row, byte[] utf8, int offset, int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(row);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(row, rows);
        var text = StrictUtf8.GetString(utf8, offset, count);
        var width = text.EnumerateRunes().Count();
        if (width > columns)
        {
            throw new InvalidOperationException($"row {row} got {width} characters, the display has {columns}: \"{text}\"");
        }

        if (_rows[row] != text)
        {
            _rows[row] = text;
            _timeline.Add(new IndicatorEvent(clock.MonotonicMicroseconds, $"row{row}", text));
        }
    }

    /// <summary>The on periods of a pin as (start, end) in microseconds; an open one ends at long.MaxValue.</summary>
    public IReadOnlyList<(long Start, long End)> Pulses(string pin)
    {
        var pulses = new List<(long, long)>();
        long? start = null;
        foreach (var change in _timeline.Where(e => e.Device == pin))
        {
            if (change.Value == "on")
            {
                start = change.Microseconds;
            }
            else if (start is { } began)
            {
                pulses.Add((began, change.Microseconds));
                start = null;
            }
        }

        if (start is { } open)
        {
            pulses.Add((open, long.MaxValue));
        }

        return pulses;
    }

    /// <summary>One console line, e.g. <c>[G . . ♪] Fare 1.25 | Balance 8.75</c>.</summary>
    public string Render()
    {
        var leds = $"{Lamp(Green, 'G')} {Lamp(Red, 'R')} {Lamp(Amber, 'A')} {(IsOn(Buzzer) ? '♪' : ' ')}";
        return $"[{leds}] {string.Join(" | ", _rows)}";
    }

    private char Lamp(string pin, char letter) => IsOn(pin) ? letter : '.';

    private void Set(string pin, bool on)
    {
        if (_pins[pin] != on)
        {
            _pins[pin] = on;
            _timeline.Add(new IndicatorEvent(clock.MonotonicMicroseconds, pin, on ? "on" : "off"));
        }
    }

    private sealed class RecordedPin(IndicatorRecorder recorder, string name) : IDigitalOutput
    {
        public void Write(bool high) => recorder.Set(name, high);
    }
}
