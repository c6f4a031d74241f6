using System.IO.Ports;
using Terminal.Drivers.Hal;

namespace Terminal.Firmware.Device.Board
{
    /// <summary>The QR scanner's UART (COM2, pins assigned by the board set-up before opening).</summary>
    public sealed class UartSerialPort : ISerialPort
    {
        private readonly SerialPort _port;

        public UartSerialPort(string portName, int baudRate)
        {
            _port = new SerialPort(portName, baudRate, Parity.None, 8, StopBits.One);
            _port.ReadTimeout = 0;
            _port.WriteTimeout = 100;
            _port.Open();
        }

        public int Read(byte[] buffer, int offset, int count)
        {
            int waiting = _port.BytesToRead;
            if (waiting == 0)
            {
                return 0;
            }

            return _port.Read(buffer, offset, waiting < count ? waiting : count);
        }

        public void Write(byte[] buffer, int offset, int count)
        {
            _port.Write(buffer, offset, count);
        }
    }
}
