using Microsoft.CodeAnalysis;

namespace Terminal.Tests.NanoGate;

/// <summary>The MetadataProcessor indexes a type's methods with one byte: a type may hold at most 255.</summary>
internal static class MethodCountRule
{
    public const int MaxMethodsPerType = 255;

    public static IEnumerable<NanoFinding> Check(Compilation compilation)
    {
        foreach (var type in AllTypes(compilation.Assembly.GlobalNamespace))
        {
            var methods = type.GetMembers().OfType<IMethodSymbol>().Count();
            if (methods > MaxMethodsPerType && type.Locations.FirstOrDefault(l => l.IsInSource) is { } location)
            {
                yield return new NanoFinding(location,
                    $"NANO006 type '{type.Name}' has {methods} methods (accessors and constructors included): the MetadataProcessor allows at most {MaxMethodsPerType}");
            }
        }
    }

    private static IEnumerable<INamedTypeSymbol> AllTypes(INamespaceSymbol ns)
    {
        foreach (var member in ns.GetMembers())
        {
            if (member is INamespaceSymbol inner)
            {
                foreach (var type in AllTypes(inner))
                {
                    yield return type;
                }
            }
            else if (member is INamedTypeSymbol type)
            {
                foreach (var nested in WithNested(type))
                {
                    yield return nested;
                }
            }
        }
    }

    private static IEnumerable<INamedTypeSymbol> WithNested(INamedTypeSymbol type) =>
        type.GetTypeMembers().SelectMany(WithNested).Prepend(type);
}
