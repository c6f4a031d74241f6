using System.Net;
using System.Text.Json;
using Backend.Ingest.Hosting;
using Backend.Tests.Infrastructure;
using Backend.Tests.Ingest;
using Backend.Tests.Storage;
using Backend.Tests.Web;
using Xunit;

namespace Backend.Tests.Health;

/// <summary>While PostgreSQL is unreachable, API requests that need it answer a clear 503 problem with Retry-After, not a 500 or a 401.</summary>
public sealed class OutageAnswerTests
{
    [Fact]
    public async Task ApiCallsAnswer503ProblemsWithRetryAfterWhileTheDatabaseIsDownAndRecoverAfter()
    {
        var connectionString = await StoreFactory.FreshSchemaAsync();
        await using var proxy = new TcpProxy("127.0.0.1", new Npgsql.NpgsqlConnectionStringBuilder(connectionString).Port);
        var throughProxy = new TestDatabase(StoreKind.Postgres, null, StoreFactory.Through(connectionString, proxy));
        await using var broker = await MosquittoBroker.StartAsync();
        await using var ingest = await IngestHost.StartAsync(broker.Port, throughProxy);
        using var staff = await StaffKeys.ClientAsync(ingest.Services, new Uri(ingest.WebAddress), "ops-1");
        using var anonymous = new HttpClient { BaseAddress = new Uri(ingest.WebAddress) };
        const string unknownPayment = "/api/payments/pay_00000000000000000000000000000000";

        using (var summary = await staff.GetAsync("/api/summary"))
        {
            Assert.Equal(HttpStatusCode.OK, summary.StatusCode);
        }

        using (var payment = await anonymous.GetAsync(unknownPayment))
        {
            Assert.Equal(HttpStatusCode.NotFound, payment.StatusCode);
        }

        proxy.Cut();
        // The key cannot be checked (authentication), and the anonymous query fails inside the endpoint (the exception handler).
        await AssertOutageAsync(await staff.GetAsync("/api/summary"));
        await AssertOutageAsync(await anonymous.GetAsync(unknownPayment));

        proxy.Restore();
        await Eventually.TrueAsync(async () =>
        {
            using var summary = await staff.GetAsync("/api/summary");
            return summary.StatusCode == HttpStatusCode.OK;
        }, "the summary once the database is back");
    }

    private static async Task AssertOutageAsync(HttpResponseMessage response)
    {
        using (response)
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            Assert.Equal(TimeSpan.FromSeconds(5), response.Headers.RetryAfter?.Delta);
            using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
            Assert.Equal(503, problem.RootElement.GetProperty("status").GetInt32());
            Assert.Equal("database", problem.RootElement.GetProperty("dependency").GetString());
            Assert.Contains("The database cannot be reached", problem.RootElement.GetProperty("detail").GetString());
        }
    }
}
