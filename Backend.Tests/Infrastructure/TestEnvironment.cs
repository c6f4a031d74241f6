namespace Backend.Tests.Infrastructure;

/// <summary>
/// What scripts/test-services.sh provides. A missing variable is a set-up error, reported
/// as such: these tests run against the real servers, never around them.
/// </summary>
public static class TestEnvironment
{
    public static string PostgresConnectionString => Required("BUSFARE_TEST_POSTGRES");

    public static string MosquittoExecutable => Required("BUSFARE_TEST_MOSQUITTO");

    private static string Required(string name) =>
        Environment.GetEnvironmentVariable(name) is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException(
                $"{name} is not set: run the tests with scripts/test.sh, which installs and starts PostgreSQL and Mosquitto.");
}
