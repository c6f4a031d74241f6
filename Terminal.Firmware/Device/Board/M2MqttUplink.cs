using nanoFramework.M2Mqtt;
using nanoFramework.M2Mqtt.Messages;
using Terminal.Drivers.Hal;
using Terminal.Firmware.Sync;

namespace Terminal.Firmware.Device.Board
{
    /// <summary>
    /// MQTT over M2Mqtt (3.1.1). M2Mqtt does not reconnect by itself and drops QoS 1 messages
    /// after its retries: the firmware's journal is the outbox and the sync loop calls Connect again.
    /// Every M2Mqtt call that can throw (a socket gone mid-call) is caught here and turns into "link down",
    /// so nothing reaches the main loop; a client being replaced is closed first. Received messages wait in an
    /// <see cref="UplinkInbox"/>, which reports the ones it had no room for.
    /// M2Mqtt takes the last will as a string it sends UTF-8 encoded, so the will's bytes must be 7-bit
    /// and non-zero, as the status codec's offline form is.
    /// </summary>
    public sealed class M2MqttUplink : IUplink
    {
        private readonly string _host;
        private readonly int _port;
        private readonly string _clientId;
        private readonly string _user;
        private readonly string _password;
        private readonly string _willTopic;
        private readonly string _willMessage;
        private readonly string[] _subscriptions;
        private readonly MqttQoSLevel[] _levels;
        private readonly UplinkInbox _inbox = new UplinkInbox();
        private MqttClient? _client;

        public M2MqttUplink(string host, int port, string clientId, string user, string password, string willTopic, byte[] willPayload, int willLength, string[] subscriptions)
        {
            _host = host;
            _port = port;
            _clientId = clientId;
            _user = user;
            _password = password;
            _willTopic = willTopic;
            var will = new char[willLength];
            for (int i = 0; i < willLength; i++)
            {
                will[i] = (char)willPayload[i];
            }

            _willMessage = new string(will);
            _subscriptions = subscriptions;
            _levels = new MqttQoSLevel[subscriptions.Length];
            for (int i = 0; i < _levels.Length; i++)
            {
                _levels[i] = MqttQoSLevel.AtLeastOnce;
            }
        }

        public bool IsConnected => _client != null && _client.IsConnected;

        public bool Connect()
        {
            Close();
            MqttClient? client = null;
            try
            {
                client = new MqttClient(_host, _port, false, null, null, MqttSslProtocols.None);
                client.MqttMsgPublishReceived += OnReceived;
                if (client.Connect(_clientId, _user, _password, true, MqttQoSLevel.AtLeastOnce, true, _willTopic, _willMessage, false, 60) != MqttReasonCode.Success)
                {
                    Dispose(client);
                    return false;
                }

                client.Subscribe(_subscriptions, _levels);
                _client = client;
                return true;
            }
            catch (System.Exception)
            {
                // No route, no broker, a refused socket or one lost mid-handshake: the sync loop backs off and tries again.
                Dispose(client);
                return false;
            }
        }

        public bool Publish(string topic, byte[] payload, int offset, int count, bool retain)
        {
            MqttClient? client = _client;
            if (client == null || !client.IsConnected)
            {
                return false;
            }

            var message = new byte[count];
            System.Array.Copy(payload, offset, message, 0, count);
            try
            {
                client.Publish(topic, message, null, null, MqttQoSLevel.AtLeastOnce, retain);
                return true;
            }
            catch (System.Exception)
            {
                // The socket went between the check and the send: the journal keeps the batch for the resend.
                Close();
                return false;
            }
        }

        public int Receive(byte[] topic, out int topicLength, byte[] payload)
        {
            return _inbox.Take(topic, out topicLength, payload);
        }

        private void OnReceived(object sender, MqttMsgPublishEventArgs e)
        {
            _inbox.Offer(e.Topic, e.Message);
        }

        private void Close()
        {
            MqttClient? client = _client;
            _client = null;
            Dispose(client);
        }

        private static void Dispose(MqttClient? client)
        {
            if (client == null)
            {
                return;
            }

            try
            {
                try
                {
                    if (client.IsConnected)
                    {
                        client.Disconnect();
                    }
                }
                finally
                {
                    client.Dispose();
                }
            }
            catch (System.Exception)
            {
                // A client whose socket is already gone cannot say goodbye; it is closed all the same.
            }
        }
    }
}
