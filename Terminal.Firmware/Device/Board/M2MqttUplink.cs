using System.Collections;
using nanoFramework.M2Mqtt;
using nanoFramework.M2Mqtt.Messages;
using Terminal.Drivers.Hal;

namespace Terminal.Firmware.Device.Board
{
    /// <summary>
    /// MQTT over M2Mqtt (3.1.1). M2Mqtt does not reconnect by itself and drops QoS 1 messages
    /// after its retries: the firmware's journal is the outbox and the sync loop calls Connect again.
    /// M2Mqtt takes the last will as a string it sends UTF-8 encoded, so the will's bytes must be 7-bit
    /// and non-zero, as the status codec's offline form is.
    /// </summary>
    public sealed class M2MqttUplink : IUplink
    {
        private const int MaxQueued = 16;

        private readonly string _host;
        private readonly int _port;
        private readonly string _clientId;
        private readonly string _user;
        private readonly string _password;
        private readonly string _willTopic;
        private readonly string _willMessage;
        private readonly string[] _subscriptions;
        private readonly ArrayList _received = new ArrayList();
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
        }

        public bool IsConnected => _client != null && _client.IsConnected;

        public bool Connect()
        {
            MqttClient client;
            try
            {
                client = new MqttClient(_host, _port, false, null, null, MqttSslProtocols.None);
                client.MqttMsgPublishReceived += OnReceived;
                if (client.Connect(_clientId, _user, _password, true, MqttQoSLevel.AtLeastOnce, true, _willTopic, _willMessage, false, 60) != MqttReasonCode.Success)
                {
                    return false;
                }
            }
            catch (System.Exception)
            {
                // No route, no broker or a refused socket: the sync loop backs off and tries again.
                return false;
            }

            var levels = new MqttQoSLevel[_subscriptions.Length];
            for (int i = 0; i < levels.Length; i++)
            {
                levels[i] = MqttQoSLevel.AtLeastOnce;
            }

            client.Subscribe(_subscriptions, levels);
            _client = client;
            return true;
        }

        public bool Publish(string topic, byte[] payload, int offset, int count, bool retain)
        {
            if (!IsConnected)
            {
                return false;
            }

            var message = new byte[count];
            System.Array.Copy(payload, offset, message, 0, count);
            _client!.Publish(topic, message, null, null, MqttQoSLevel.AtLeastOnce, retain);
            return true;
        }

        public int Receive(byte[] topic, out int topicLength, byte[] payload)
        {
            topicLength = 0;
            MqttMsgPublishEventArgs? message;
            lock (_received)
            {
                if (_received.Count == 0)
                {
                    return -1;
                }

                message = (MqttMsgPublishEventArgs)_received[0];
                _received.RemoveAt(0);
            }

            if (message.Message.Length > payload.Length || message.Topic.Length > topic.Length)
            {
                return -2;
            }

            for (int i = 0; i < message.Topic.Length; i++)
            {
                topic[i] = (byte)message.Topic[i];
            }

            topicLength = message.Topic.Length;
            System.Array.Copy(message.Message, payload, message.Message.Length);
            return message.Message.Length;
        }

        private void OnReceived(object sender, MqttMsgPublishEventArgs e)
        {
            lock (_received)
            {
                if (_received.Count < MaxQueued)
                {
                    _received.Add(e);
                }
            }
        }
    }
}
