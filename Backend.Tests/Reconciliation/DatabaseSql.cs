using System.Data.Common;
using Backend.Tests.Api;

namespace Backend.Tests.Reconciliation;

/// <summary>Parameterised SQL on a test database, for the rows other parts of the backend write and for reading results back.</summary>
internal static class DatabaseSql
{
    public static async Task ExecuteSqlAsync(this TestDatabase database, string sql, params (string Name, object? Value)[] values)
    {
        await using var command = Command(database, sql, values);
        await command.ExecuteNonQueryAsync();
    }

    public static async Task<long> CountAsync(this TestDatabase database, string sql, params (string Name, object? Value)[] values)
    {
        await using var command = Command(database, sql, values);
        return Convert.ToInt64(await command.ExecuteScalarAsync());
    }

    public static async Task<string?> TextAsync(this TestDatabase database, string sql, params (string Name, object? Value)[] values)
    {
        await using var command = Command(database, sql, values);
        return await command.ExecuteScalarAsync() as string;
    }

    private static DbCommand Command(TestDatabase database, string sql, (string Name, object? Value)[] values)
    {
        var command = database.DataSource.CreateCommand(sql);
        foreach (var (name, value) in values)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            parameter.Value = value ?? DBNull.Value;
            command.Parameters.Add(parameter);
        }

        return command;
    }
}
