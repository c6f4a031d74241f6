namespace Backend.Ingest.Reports;

/// <summary>A report as the API returns it: which one, the days it covers, and its rows.</summary>
public sealed record ReportView(string Name, string Title, string Description, DateOnly From, DateOnly To, IReadOnlyList<object> Rows);
