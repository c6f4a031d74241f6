using System.Buffers;
using Backend.Tests.Infrastructure;
using MQTTnet;
using MQTTnet.Protocol;
using Npgsql;
using Xunit;

namespace Backend.Tests.Foundation;

/// <summary>The servers the test command installs and starts are real and usable.</summary>
public sealed class TestServicesTests
{
    [Fact]
    public async Task PostgresAcceptsTransactionsOnLoopback()
    {
        await using var connection = new NpgsqlConnection(TestEnvironment.PostgresConnectionString);
        await connection.OpenAsync();
        Assert.Equal("127.0.0.1", connection.Host);

        await using var transaction = await connection.BeginTransactionAsync();
        await using var command = new NpgsqlCommand(
            "create temporary table probe(id int primary key); insert into probe values (1), (2) on conflict do nothing; select count(*) from probe",
            connection, transaction);
        Assert.Equal(2L, await command.ExecuteScalarAsync());
        await transaction.RollbackAsync();
    }

    [Fact]
    public async Task MosquittoDeliversAQos1MessageAndComesBackAfterARestart()
    {
        await using var broker = await MosquittoBroker.StartAsync();
        Assert.Equal("hello", await RoundTripAsync(broker.Port, "hello"));

        await broker.StopAsync();
        await broker.StartAsync();
        Assert.Equal("again", await RoundTripAsync(broker.Port, "again"));
    }

    private static async Task<string> RoundTripAsync(int port, string text)
    {
        var factory = new MqttClientFactory();
        using var client = factory.CreateMqttClient();
        var received = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        client.ApplicationMessageReceivedAsync += e =>
        {
            received.TrySetResult(System.Text.Encoding.UTF8.GetString(e.ApplicationMessage.Payload.ToArray()));
            return Task.CompletedTask;
        };
        await client.ConnectAsync(new MqttClientOptionsBuilder().WithTcpServer("127.0.0.1", port).WithClientId($"probe-{Guid.NewGuid():N}").Build());
        await client.SubscribeAsync(factory.CreateSubscribeOptionsBuilder().WithTopicFilter("probe/echo", MqttQualityOfServiceLevel.AtLeastOnce).Build());
        var result = await client.PublishAsync(new MqttApplicationMessageBuilder()
            .WithTopic("probe/echo").WithPayload(text).WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).Build());
        Assert.True(result.IsSuccess, result.ReasonString);
        var message = await received.Task.WaitAsync(TimeSpan.FromSeconds(10));
        await client.DisconnectAsync();
        return message;
    }
}
