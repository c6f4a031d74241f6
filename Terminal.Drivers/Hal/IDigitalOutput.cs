namespace Terminal.Drivers.Hal
{
    /// <summary>One output pin: an LED, the buzzer, the reader's reset line.</summary>
    public interface IDigitalOutput
    {
        void Write(bool high);
    }
}
