using Xunit;

namespace Terminal.Tests.NanoGate;

/// <summary>The firmware and drivers pass the nano gate, and the gate refuses what the device cannot run.</summary>
public sealed class NanoGateTests
{
    private static readonly string Drivers = Path.Combine(NanoGate.RepositoryRoot, "Terminal.Drivers");
    private static readonly string Firmware = Path.Combine(NanoGate.RepositoryRoot, "Terminal.Firmware");

    [Fact]
    public void DriversCompileAgainstNanoMscorlibAndKeepTheSubset()
    {
        var result = NanoGate.CheckProject(Drivers);
        Assert.True(result.Passed, string.Join(Environment.NewLine, result.Findings));
        Assert.NotEmpty(result.Compilation.SyntaxTrees);
    }

    [Fact]
    public void FirmwareCompilesAgainstNanoMscorlibAndTheDriversAndKeepsTheSubset()
    {
        var drivers = NanoGate.CheckProject(Drivers);
        var result = NanoGate.CheckProject(Firmware, drivers.AsReference());
        Assert.True(result.Passed, string.Join(Environment.NewLine, result.Findings));
    }

    [Fact]
    public void TheGateCompilesAgainstNanoMscorlibOnly()
    {
        var result = NanoGate.CheckProject(Drivers);
        var references = result.Compilation.References.Select(r => Path.GetFileName(r.Display)).ToList();
        Assert.Equal(["mscorlib.dll"], references);
        Assert.Equal("mscorlib", result.Compilation.ObjectType.ContainingAssembly.Name);
        Assert.Null(result.Compilation.GetTypeByMetadataName("System.Collections.Generic.List`1"));
    }

    [Theory]
    [InlineData("var list = new System.Collections.Generic.List<int>();", "CS0234")]
    [InlineData("var bytes = System.Text.Encoding.UTF8.GetBytes(\"fare\");", "CS0234")]
    [InlineData("var text = new System.Text.StringBuilder();", "CS0234")]
    [InlineData("var m = System.Math.Max(1, 2);", "CS0234")]
    [InlineData("System.Threading.Tasks.Task.Delay(1);", "CS0234")]
    [InlineData("var h = System.Security.Cryptography.SHA256.Create();", "CS0234")]
    public void RefusesApisThatNanoMscorlibLacks(string statement, string expectedError)
    {
        var finding = Assert.Single(Refusals(statement), f => f.Contains(expectedError));
        Assert.StartsWith("Sample/Offender.cs(7,", finding);
    }

    [Theory]
    [InlineData("System.Action<int> a = null!;", "NANO002")]
    [InlineData("Swap(new object(), new object());", "NANO002")]
    [InlineData("var grid = new int[2, 3];", "NANO003")]
    [InlineData("System.Func<int> f = () => 1;", "NANO002")]
    [InlineData("var f = () => 1;", "NANO002")]
    public void RefusesWhatTheStableRuntimeCannotRun(string statement, string expectedRule)
    {
        var finding = Assert.Single(Refusals(statement).Where(f => f.Contains(expectedRule)).Take(1));
        Assert.StartsWith("Sample/Offender.cs(7,", finding);
    }

    [Fact]
    public void RefusesGenericDeclarations()
    {
        var findings = Check("public sealed class Box<T> { public T? Value; }");
        Assert.Contains(findings, f => f.StartsWith("Sample/Offender.cs(1,") && f.Contains("NANO001"));
    }

    [Fact]
    public void RefusesUnsafeCode()
    {
        var findings = Check("public static class Raw { public static unsafe int Peek(int* p) { return *p; } }");
        Assert.Contains(findings, f => f.StartsWith("Sample/Offender.cs(1,") && f.Contains("NANO004") && f.Contains("unsafe"));
        Assert.Contains(findings, f => f.Contains("NANO004 pointer type"));
    }

    [Fact]
    public void RefusesEnumReflection()
    {
        var findings = Check("public enum Fare { Adult }\npublic static class E { public static object V() { return System.Enum.GetValues(typeof(Fare)); } }");
        Assert.Contains(findings, f => f.StartsWith("Sample/Offender.cs(2,") && (f.Contains("NANO005") || f.Contains("CS0117")));
    }

    [Fact]
    public void RefusesATypeWithMoreThan255Methods()
    {
        var methods = string.Join("\n", Enumerable.Range(0, 256).Select(i => $"    public static void M{i}() {{ }}"));
        var findings = Check($"public static class Crowded\n{{\n{methods}\n}}");
        var finding = Assert.Single(findings);
        Assert.StartsWith("Sample/Offender.cs(1,", finding);
        Assert.Contains("NANO006", finding);
        Assert.Contains("256 methods", finding);
    }

    [Fact]
    public void AcceptsATypeWithExactly255Methods()
    {
        var methods = string.Join("\n", Enumerable.Range(0, 254).Select(i => $"    public void M{i}() {{ }}"));
        Assert.Empty(Check($"public sealed class Full\n{{\n{methods}\n}}"));
    }

    [Fact]
    public void AcceptsTheSubsetTheFirmwareUses()
    {
        var findings = Check(
            """
            using System.Collections;
            public sealed class Ok
            {
                private readonly byte[][] _jagged = new byte[2][];
                private readonly ArrayList _list = new ArrayList();
                public int Sum(byte[] data, int offset, int count)
                {
                    int sum = 0;
                    for (int i = offset; i < offset + count; i++) { sum += data[i]; }
                    _list.Add(sum);
                    return sum + _jagged.Length;
                }
            }
            """);
        Assert.Empty(findings);
    }

    private static IReadOnlyList<string> Refusals(string statement) => Check(
        $$"""
        public static class Offender
        {
            private static void Swap<T>(T a, T b) { }

            public static void Run()
            {
                {{statement}}
            }
        }
        """).Where(f => !f.Contains("NANO001")).ToList();

    private static IReadOnlyList<string> Check(string source) =>
        NanoGate.CheckSources("Sample", [new SourceFile("Sample/Offender.cs", source)]).Findings;
}
