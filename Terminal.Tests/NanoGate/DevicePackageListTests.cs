using System.Text.RegularExpressions;
using System.Xml.Linq;
using Xunit;

namespace Terminal.Tests.NanoGate;

/// <summary>
/// A device project's packages are listed once, by its .nfproj's Reference items (which scripts/nano-device-build.sh
/// compiles against and loads on nanoCLR); its packages.config and the versions in nfproj.props must agree with them.
/// </summary>
public sealed partial class DevicePackageListTests
{
    private static readonly string[] Projects =
    [
        "Terminal.Drivers/Device/Terminal.Drivers.nfproj",
        "Terminal.Firmware/Device/Terminal.Firmware.nfproj",
        "Terminal.NanoTests/Terminal.NanoTests.nfproj",
    ];

    public static TheoryData<string> DeviceProjects => new(Projects);

    [Theory]
    [MemberData(nameof(DeviceProjects))]
    public void PackagesConfigNamesExactlyTheReferencedPackagesAtTheirVersions(string project)
    {
        var referenced = ReferencedPackages(project).Select(p => $"{p.Id} {p.Version}").Distinct().Order().ToList();
        var restored = PackagesConfig(project).Select(p => $"{p.Id} {p.Version}").Order().ToList();
        Assert.NotEmpty(referenced);
        Assert.Equal(referenced, restored);
    }

    [Fact]
    public void EveryVersionInNfprojPropsIsUsedByADeviceProject()
    {
        var used = Projects.SelectMany(ReferencedPackages).Select(p => p.Property).ToHashSet();
        var unused = Properties().Keys.Where(k => k.StartsWith("Nf", StringComparison.Ordinal) && !used.Contains(k)).ToList();
        Assert.Empty(unused);
    }

    [Fact]
    public void TheFirmwareDeploysTheLibrariesItsLibrariesNeedAtLoadTime()
    {
        // nanoCLR refuses to link System.IO.Streams, System.Net, M2Mqtt and Json without these ("needs assembly").
        var assemblies = ReferencedPackages("Terminal.Firmware/Device/Terminal.Firmware.nfproj").Select(p => p.Assembly).ToList();
        Assert.Contains("nanoFramework.System.Text", assemblies);
        Assert.Contains("nanoFramework.System.Collections", assemblies);
    }

    private static IReadOnlyList<ReferencedPackage> ReferencedPackages(string project)
    {
        var properties = Properties();
        return XDocument.Load(Path.Combine(NanoGate.RepositoryRoot, project))
            .Descendants().Where(e => e.Name.LocalName == "Reference")
            .Select(reference =>
            {
                string assembly = reference.Attribute("Include")!.Value;
                string hint = reference.Elements().Single(e => e.Name.LocalName == "HintPath").Value;
                var match = HintPathPattern().Match(hint);
                Assert.True(match.Success, $"{project}: {assembly}'s HintPath {hint} is not $(NanoPackages)<id>.$(<version property>)\\lib\\<assembly>.dll (or .exe)");
                Assert.Equal(assembly, match.Groups["assembly"].Value);
                string property = match.Groups["property"].Value;
                Assert.True(properties.ContainsKey(property), $"{project}: {assembly} uses $({property}), which nfproj.props does not set");
                return new ReferencedPackage(match.Groups["id"].Value, properties[property], property, assembly);
            })
            .ToList();
    }

    private static IReadOnlyList<(string Id, string Version)> PackagesConfig(string project) =>
        XDocument.Load(Path.Combine(NanoGate.RepositoryRoot, Path.GetDirectoryName(project)!, "packages.config"))
            .Descendants("package")
            .Select(p => (p.Attribute("id")!.Value, p.Attribute("version")!.Value))
            .ToList();

    private static Dictionary<string, string> Properties() =>
        XDocument.Load(Path.Combine(NanoGate.RepositoryRoot, "nfproj.props"))
            .Descendants().Where(e => e.Name.LocalName == "PropertyGroup").Elements()
            .Where(e => !e.HasElements)
            .ToDictionary(e => e.Name.LocalName, e => e.Value);

    [GeneratedRegex(@"^\$\(NanoPackages\)(?<id>.+)\.\$\((?<property>\w+)\)\\lib\\(?<assembly>.+)\.(dll|exe)$")]
    private static partial Regex HintPathPattern();

    private sealed record ReferencedPackage(string Id, string Version, string Property, string Assembly);
}
