using System.Reflection;
using System.Reflection.Emit;
using System.Runtime.Loader;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Terminal.Tests.NanoGate;

namespace Terminal.Tests.Crypto;

/// <summary>
/// Compiles Terminal.Firmware/Crypto a second time, in Release and optionally with CRYPTO_OP_COUNT defined, and
/// loads it: the counters exist only in that build, and Release IL is the closest host view of what the device runs.
/// </summary>
internal sealed class CountingBuild
{
    private static readonly Lazy<CountingBuild> CountingInstance = new(() => new CountingBuild(counting: true));
    private static readonly Lazy<CountingBuild> PlainInstance = new(() => new CountingBuild(counting: false));

    private readonly Assembly _assembly;

    private CountingBuild(bool counting)
    {
        var folder = Path.Combine(NanoGate.NanoGate.RepositoryRoot, "Terminal.Firmware", "Crypto");
        var symbols = counting ? new[] { "CRYPTO_OP_COUNT" } : [];
        var trees = Directory.EnumerateFiles(folder, "*.cs")
            .Select(path => CSharpSyntaxTree.ParseText(File.ReadAllText(path), new CSharpParseOptions(LanguageVersion.Latest, preprocessorSymbols: symbols), path));
        var references = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!)
            .Split(Path.PathSeparator)
            .Where(path => Path.GetFileName(path) is "System.Runtime.dll" or "System.Private.CoreLib.dll")
            .Select(path => MetadataReference.CreateFromFile(path));
        var compilation = CSharpCompilation.Create(
            counting ? "Crypto.Counting" : "Crypto.Release",
            trees,
            references,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, optimizationLevel: OptimizationLevel.Release, nullableContextOptions: NullableContextOptions.Enable));
        using var image = new MemoryStream();
        var result = compilation.Emit(image);
        if (!result.Success)
        {
            throw new InvalidOperationException(string.Join(Environment.NewLine, result.Diagnostics));
        }

        image.Position = 0;
        _assembly = new AssemblyLoadContext(compilation.AssemblyName, isCollectible: false).LoadFromStream(image);
    }

    public static CountingBuild Counting => CountingInstance.Value;

    public static CountingBuild Plain => PlainInstance.Value;

    public object Create(string typeName) => Activator.CreateInstance(Type(typeName))!;

    public Type Type(string typeName) => _assembly.GetType("Terminal.Firmware.Crypto." + typeName, throwOnError: true)!;

    public long Counter(string name) => (long)Type("CryptoOpCounter").GetField(name)!.GetValue(null)!;

    public void ClearCounters() => Type("CryptoOpCounter").GetMethod("Clear")!.Invoke(null, null);

    /// <summary>IL instructions in a method body (for straight-line code, the number executed per call).</summary>
    public int IlInstructions(string typeName, string methodName)
    {
        var method = Type(typeName).GetMethod(methodName, BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static | BindingFlags.Instance)!;
        return IlDecoder.CountInstructions(method.GetMethodBody()!.GetILAsByteArray()!);
    }

    private static class IlDecoder
    {
        private static readonly Dictionary<short, OpCode> Codes = typeof(OpCodes)
            .GetFields(BindingFlags.Public | BindingFlags.Static)
            .Select(f => (OpCode)f.GetValue(null)!)
            .ToDictionary(c => c.Value);

        public static int CountInstructions(byte[] il)
        {
            int count = 0;
            int at = 0;
            while (at < il.Length)
            {
                short value = il[at] == 0xFE ? (short)(0xFE00 | il[at + 1]) : il[at];
                var code = Codes[value];
                at += code.Size + OperandSize(code, il, at + code.Size);
                count++;
            }

            return count;
        }

        private static int OperandSize(OpCode code, byte[] il, int operandAt) => code.OperandType switch
        {
            OperandType.InlineNone => 0,
            OperandType.ShortInlineBrTarget or OperandType.ShortInlineI or OperandType.ShortInlineVar => 1,
            OperandType.InlineVar => 2,
            OperandType.InlineI8 or OperandType.InlineR => 8,
            OperandType.InlineSwitch => 4 + 4 * BitConverter.ToInt32(il, operandAt),
            _ => 4,
        };
    }
}
