using System.Data.Common;

namespace Backend.Ingest.Api;

/// <summary>Named parameters for SQL written once for both dialects (SQLite and PostgreSQL accept <c>@name</c>).</summary>
public static class DbCommandParameters
{
    public static DbCommand With(this DbCommand command, string name, object? value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value ?? DBNull.Value;
        command.Parameters.Add(parameter);
        return command;
    }
}
