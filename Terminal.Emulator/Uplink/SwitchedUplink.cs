using Terminal.Drivers.Hal;

namespace Terminal.Emulator.Uplink;

/// <summary>
/// The bus's network with a switch in it: <see cref="Cut"/> drops the MQTT connection and refuses every connect
/// until <see cref="Restore"/>, as a bus in a tunnel or a depot without coverage would see it. The firmware keeps
/// running meanwhile and finds out through its own calls, as it would on the road. <see cref="PowerCycle"/> is the
/// modem losing power: the connection and every message in its buffers are gone, the switch stays where it was.
/// </summary>
public sealed class SwitchedUplink(Func<MqttUplink> connectModem) : IUplink, IDisposable
{
    private MqttUplink _link = connectModem();
    private volatile bool _cut;

    public bool IsCut => _cut;

    public MqttUplink Link => _link;

    public bool IsConnected => !_cut && _link.IsConnected;

    public void Cut()
    {
        _cut = true;
        _link.Drop();
    }

    public void Restore() => _cut = false;

    public void PowerCycle()
    {
        _link.Drop();
        _link.Dispose();
        _link = connectModem();
    }

    public bool Connect() => !_cut && _link.Connect();

    public bool Publish(string topic, byte[] payload, int offset, int count, bool retain) => !_cut && _link.Publish(topic, payload, offset, count, retain);

    /// <summary>Messages the broker delivered before a cut are already in the terminal's buffers.</summary>
    public int Receive(byte[] topic, out int topicLength, byte[] payload) => _link.Receive(topic, out topicLength, payload);

    public void Dispose() => _link.Dispose();
}
