namespace Backend.Ingest.Reports;

/// <summary>One report: its URL name, what it is called and shows, the type of its rows (the CSV's columns), and the query that makes them.</summary>
public sealed record ReportDefinition(
    string Name,
    string Title,
    string Description,
    Type RowType,
    Func<ReportQueries, ReportRange, CancellationToken, Task<IReadOnlyList<object>>> Run);
