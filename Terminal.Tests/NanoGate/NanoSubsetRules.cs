using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Terminal.Tests.NanoGate;

/// <summary>
/// What the stable nanoFramework runtime and its MetadataProcessor refuse although the
/// code compiles against nano mscorlib: generics (mscorlib declares Action&lt;T&gt; but the
/// runtime cannot run it), multidimensional arrays, unsafe code and Enum reflection.
/// </summary>
internal sealed class NanoSubsetRules(SemanticModel model) : CSharpSyntaxWalker(SyntaxWalkerDepth.Token)
{
    private static readonly string[] EnumReflection = ["GetValues", "GetNames", "GetName", "IsDefined", "Parse", "TryParse"];

    public List<NanoFinding> Findings { get; } = [];

    public override void VisitTypeParameterList(TypeParameterListSyntax node)
    {
        Refuse(node, "NANO001 declares a generic type or method: the stable nanoFramework runtime has no generics");
        base.VisitTypeParameterList(node);
    }

    public override void VisitGenericName(GenericNameSyntax node)
    {
        Refuse(node, $"NANO002 uses the generic type or method '{node}': the stable nanoFramework runtime has no generics");
        base.VisitGenericName(node);
    }

    public override void VisitInvocationExpression(InvocationExpressionSyntax node)
    {
        if (model.GetSymbolInfo(node).Symbol is IMethodSymbol { IsGenericMethod: true } method
            && node.Expression is not GenericNameSyntax
            && !(node.Expression is MemberAccessExpressionSyntax { Name: GenericNameSyntax }))
        {
            Refuse(node, $"NANO002 calls the generic method '{method.Name}' (type arguments inferred): the stable nanoFramework runtime has no generics");
        }

        if (node.Expression is MemberAccessExpressionSyntax access
            && EnumReflection.Contains(access.Name.Identifier.Text)
            && model.GetSymbolInfo(access.Expression).Symbol is INamedTypeSymbol { SpecialType: SpecialType.System_Enum })
        {
            Refuse(node, $"NANO005 Enum.{access.Name.Identifier.Text}: nanoFramework's Enum has only HasFlag and ToString");
        }

        base.VisitInvocationExpression(node);
    }

    public override void VisitArrayRankSpecifier(ArrayRankSpecifierSyntax node)
    {
        if (node.Rank > 1)
        {
            Refuse(node, "NANO003 multidimensional array: the MetadataProcessor refuses them (use a jagged array or one dimension)");
        }

        base.VisitArrayRankSpecifier(node);
    }

    public override void VisitPointerType(PointerTypeSyntax node)
    {
        Refuse(node, "NANO004 pointer type: the MetadataProcessor refuses unsafe code");
        base.VisitPointerType(node);
    }

    public override void VisitFunctionPointerType(FunctionPointerTypeSyntax node)
    {
        Refuse(node, "NANO004 function pointer: the MetadataProcessor refuses unsafe code");
        base.VisitFunctionPointerType(node);
    }

    public override void VisitFixedStatement(FixedStatementSyntax node)
    {
        Refuse(node, "NANO004 fixed statement: the MetadataProcessor refuses unsafe code");
        base.VisitFixedStatement(node);
    }

    public override void VisitStackAllocArrayCreationExpression(StackAllocArrayCreationExpressionSyntax node)
    {
        Refuse(node, "NANO004 stackalloc: nanoFramework has no Span<T> or unsafe buffers");
        base.VisitStackAllocArrayCreationExpression(node);
    }

    public override void VisitToken(SyntaxToken token)
    {
        if (token.IsKind(SyntaxKind.UnsafeKeyword))
        {
            Findings.Add(new NanoFinding(token.GetLocation(), "NANO004 unsafe code: the MetadataProcessor refuses it"));
        }

        base.VisitToken(token);
    }

    public override void DefaultVisit(SyntaxNode node)
    {
        if (node is ExpressionSyntax expression and not TypeSyntax)
        {
            var info = model.GetTypeInfo(expression);
            CheckInferredType(expression, info.Type);
            CheckInferredType(expression, info.ConvertedType);
        }

        base.DefaultVisit(node);
    }

    /// <summary>Catches generic and multidimensional types that appear without being written, e.g. a lambda's natural type Func&lt;int&gt;.</summary>
    private void CheckInferredType(SyntaxNode node, ITypeSymbol? type)
    {
        switch (type)
        {
            case INamedTypeSymbol { IsGenericType: true } generic:
                Refuse(node, $"NANO002 expression of generic type '{generic.ToDisplayString()}': the stable nanoFramework runtime has no generics");
                break;
            case IArrayTypeSymbol { Rank: > 1 }:
                Refuse(node, "NANO003 expression of a multidimensional array type: the MetadataProcessor refuses them");
                break;
            case IArrayTypeSymbol array:
                CheckInferredType(node, array.ElementType);
                break;
        }
    }

    private void Refuse(SyntaxNode node, string message) => Findings.Add(new NanoFinding(node.GetLocation(), message));
}

internal sealed record NanoFinding(Location Location, string Message);
