using System.Device.Gpio;
using Terminal.Drivers.Hal;

namespace Terminal.Firmware.Device.Board
{
    /// <summary>An LED, the buzzer transistor or the reader's reset line.</summary>
    public sealed class GpioOutput : IDigitalOutput
    {
        private readonly GpioPin _pin;

        public GpioOutput(GpioController controller, int pinNumber)
        {
            _pin = controller.OpenPin(pinNumber, PinMode.Output);
        }

        public void Write(bool high)
        {
            _pin.Write(high ? PinValue.High : PinValue.Low);
        }
    }
}
