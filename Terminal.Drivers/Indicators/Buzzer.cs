using Terminal.Drivers.Hal;

namespace Terminal.Drivers.Indicators
{
    /// <summary>
    /// Plays a <see cref="BuzzerPattern"/> on an output pin without blocking: the main loop's
    /// tick moves it to the next step when the current one has run its time.
    /// </summary>
    public sealed class Buzzer
    {
        private readonly IDigitalOutput _pin;
        private int[] _pattern = BuzzerPattern.Silent;
        private int _step;
        private long _stepEndsAt;
        private bool _on;

        public Buzzer(IDigitalOutput pin)
        {
            _pin = pin;
            _pin.Write(false);
        }

        public bool IsPlaying
        {
            get { return _step < _pattern.Length; }
        }

        /// <summary>Starts <paramref name="pattern"/> now, cutting off whatever was playing.</summary>
        public void Play(int[] pattern, long nowMicroseconds)
        {
            _pattern = pattern;
            _step = 0;
            if (pattern.Length == 0)
            {
                Set(false);
                return;
            }

            _stepEndsAt = nowMicroseconds + pattern[0] * 1000L;
            Set(true);
        }

        public void Tick(long nowMicroseconds)
        {
            while (IsPlaying && nowMicroseconds >= _stepEndsAt)
            {
                _step++;
                if (!IsPlaying)
                {
                    Set(false);
                    return;
                }

                _stepEndsAt += _pattern[_step] * 1000L;
                Set(_step % 2 == 0);
            }
        }

        private void Set(bool on)
        {
            if (on != _on)
            {
                _on = on;
                _pin.Write(on);
            }
        }
    }
}
