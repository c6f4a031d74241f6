using System.Text.Json;

namespace Terminal.Emulator.Bench;

/// <summary>How every bench and the torture print their final JSON line: camelCase names.</summary>
public static class BenchJson
{
    public static readonly JsonSerializerOptions Options = new() { PropertyNamingPolicy = JsonNamingPolicy.CamelCase };
}
