using System.Collections.Immutable;
using System.Reflection;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Terminal.Tests.NanoGate;

/// <summary>
/// The nano gate: compiles a project's sources a second time, against nanoFramework's
/// own mscorlib.dll and nothing else, then applies the rules of the stable runtime and
/// its MetadataProcessor that a compile cannot see. Every finding names file and line.
/// </summary>
public static class NanoGate
{
    /// <summary>Folders of a nano project that never reach the nano compile: build output and the device-only board adapters.</summary>
    private static readonly string[] ExcludedFolders = ["bin", "obj", "Device"];

    /// <summary>C# 10, as nfproj.props: later versions synthesize attributes that the MetadataProcessor mishandles.</summary>
    private static readonly CSharpParseOptions ParseOptions =
        new(LanguageVersion.CSharp10, preprocessorSymbols: ["NANOFRAMEWORK_1_0"]);

    public static string RepositoryRoot => Metadata("RepositoryRoot");

    public static MetadataReference NanoMscorlib { get; } = MetadataReference.CreateFromFile(Metadata("NanoMscorlib"));

    /// <summary>Checks the nano project in <paramref name="projectDirectory"/>, compiled against nano mscorlib and <paramref name="references"/>.</summary>
    public static NanoGateResult CheckProject(string projectDirectory, params MetadataReference[] references)
    {
        var files = Directory.EnumerateFiles(projectDirectory, "*.cs", SearchOption.AllDirectories)
            .Where(path => !IsExcluded(Path.GetRelativePath(projectDirectory, path)))
            .Order(StringComparer.Ordinal)
            .Select(path => new SourceFile(Path.GetRelativePath(RepositoryRoot, path), File.ReadAllText(path)))
            .ToList();
        return CheckSources(Path.GetFileName(projectDirectory.TrimEnd('/')), files, references);
    }

    public static NanoGateResult CheckSources(string assemblyName, IReadOnlyList<SourceFile> files, params MetadataReference[] references)
    {
        var trees = files.Select(f => CSharpSyntaxTree.ParseText(f.Text, ParseOptions, f.Path)).ToList();
        var compilation = CSharpCompilation.Create(
            assemblyName,
            trees,
            [NanoMscorlib, .. references],
            new CSharpCompilationOptions(
                OutputKind.DynamicallyLinkedLibrary,
                nullableContextOptions: NullableContextOptions.Enable,
                allowUnsafe: true,
                warningLevel: 4));

        var findings = new List<string>();
        using (var image = new MemoryStream())
        {
            var emitted = compilation.Emit(image);
            findings.AddRange(emitted.Diagnostics
                .Where(d => d.Severity == DiagnosticSeverity.Error)
                .Select(d => Format(d.Location, $"{d.Id} {d.GetMessage()}")));
        }

        foreach (var tree in trees)
        {
            var rules = new NanoSubsetRules(compilation.GetSemanticModel(tree));
            rules.Visit(tree.GetRoot());
            findings.AddRange(rules.Findings.Select(f => Format(f.Location, f.Message)));
        }

        findings.AddRange(MethodCountRule.Check(compilation).Select(f => Format(f.Location, f.Message)));
        return new NanoGateResult(compilation, findings.Distinct().ToImmutableArray());
    }

    internal static string Format(Location location, string message)
    {
        var span = location.GetLineSpan();
        return $"{span.Path}({span.StartLinePosition.Line + 1},{span.StartLinePosition.Character + 1}): {message}";
    }

    private static bool IsExcluded(string relativePath) =>
        relativePath.Split(Path.DirectorySeparatorChar) is [var first, _, ..] && ExcludedFolders.Contains(first);

    private static string Metadata(string key) =>
        typeof(NanoGate).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == key).Value
        ?? throw new InvalidOperationException($"assembly metadata {key} is empty");
}

public sealed record SourceFile(string Path, string Text);

public sealed record NanoGateResult(CSharpCompilation Compilation, ImmutableArray<string> Findings)
{
    public bool Passed => Findings.IsEmpty;

    public MetadataReference AsReference() => Compilation.ToMetadataReference();
}
