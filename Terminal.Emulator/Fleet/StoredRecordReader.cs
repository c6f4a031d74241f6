using System.Data.Common;

namespace Terminal.Emulator.Fleet;

/// <summary>
/// The tally's verifier: reads the backend's transactions table (terminal, sequence, record bytes) straight from
/// its database, SQLite file or PostgreSQL, on a connection of its own (<see cref="BackendHost.OpenStore"/>), which it disposes.
/// </summary>
public static class StoredRecordReader
{
    public static async Task<IReadOnlyList<StoredRecord>> ReadAsync(DbConnection connection, CancellationToken cancellation)
    {
        await using (connection)
        {
            await connection.OpenAsync(cancellation);
            await using var command = connection.CreateCommand();
            command.CommandText = "select terminal_id, sequence, record from transactions";
            await using var reader = await command.ExecuteReaderAsync(cancellation);
            var rows = new List<StoredRecord>();
            while (await reader.ReadAsync(cancellation))
            {
                rows.Add(new StoredRecord((uint)reader.GetInt64(0), (uint)reader.GetInt64(1), (byte[])reader.GetValue(2)));
            }

            return rows;
        }
    }
}
