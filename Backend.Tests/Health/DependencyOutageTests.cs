using Backend.Ingest.Health;
using Microsoft.Data.Sqlite;
using MQTTnet.Exceptions;
using Npgsql;
using Xunit;

namespace Backend.Tests.Health;

/// <summary>Which failures are a dependency being away (503) and which are faults (still 500).</summary>
public sealed class DependencyOutageTests
{
    [Theory]
    [InlineData("08006", "database")] // connection failure
    [InlineData("53100", "database")] // disk full
    [InlineData("57P01", "database")] // admin shutdown
    [InlineData("57P03", "database")] // cannot connect now (starting up)
    [InlineData("25006", "database")] // read-only transaction: a standby
    [InlineData("42P01", null)] // undefined table: a bug or a missing migration, not an outage
    [InlineData("23505", null)] // unique violation
    public void PostgresErrorsAreOutagesByTheirClass(string sqlState, string? dependency) =>
        Assert.Equal(dependency, DependencyOutage.Of(new PostgresException("message", "ERROR", "ERROR", sqlState)));

    [Theory]
    [InlineData(5, "database")] // busy
    [InlineData(13, "database")] // full
    [InlineData(14, "database")] // cannot open
    [InlineData(1, null)] // a plain SQL error
    [InlineData(19, null)] // a constraint
    public void SqliteErrorsAreOutagesByTheirCode(int code, string? dependency) =>
        Assert.Equal(dependency, DependencyOutage.Of(new SqliteException("message", code)));

    [Fact]
    public void WrappedConnectionFailuresAndBrokerLossAreFoundInsideOtherExceptions()
    {
        var refused = new NpgsqlException("Failed to connect", new System.Net.Sockets.SocketException(111));
        Assert.Equal("database", DependencyOutage.Of(new InvalidOperationException("the query failed", refused)));
        Assert.Equal("database", DependencyOutage.Of(new AggregateException(new ArgumentException("other"), refused)));
        Assert.Equal("message broker", DependencyOutage.Of(new MqttCommunicationException("connection lost")));
        Assert.Null(DependencyOutage.Of(new InvalidOperationException("a bug")));
        Assert.Null(DependencyOutage.Of(null));
    }
}
