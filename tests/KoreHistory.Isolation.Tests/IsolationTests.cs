using System.Reflection;

namespace KoreHistory.IsolationTests;

/// Issue 7: KoreHistory must work beside another module's IdentityModel, and must not break it. Each scenario runs in a
/// fresh process (see KoreHistory.Isolation.Probe): the built module is imported as PowerShell 7 imports it, an older
/// System.IdentityModel.Tokens.Jwt with its Microsoft.IdentityModel.* companions is loaded as Add-Type -Path loads
/// it, and both are used: the engine mints its JWT and reads a page from the emulator, the older handler writes and
/// validates a token of its own.
public sealed class IsolationTests(EmulatorProcess emulator) : IClassFixture<EmulatorProcess>
{
    private const string PrivateContextName = "KoreHistory";
    private static readonly string[] SharedNames = ["System.IdentityModel.Tokens.Jwt", "Microsoft.IdentityModel.Tokens", "Microsoft.IdentityModel.Logging"];

    [Theory]
    [InlineData("other-first")]
    [InlineData("module-first")]
    public async Task The_engine_reads_with_its_own_IdentityModel_while_the_default_context_holds_an_older_one(string order)
    {
        var report = await Probe.RunAsync(order, emulator);

        Assert.Equal(order, report.Order);
        Assert.Equal(5, report.SessionIds.Distinct().Count());
        Assert.Equal("older-module", report.OlderIssuer);
        foreach (var name in SharedNames)
        {
            var ours = AssemblyName.GetAssemblyName(Path.Combine(TestPaths.DependencyDirectory, name + ".dll")).Version!.ToString();
            var older = AssemblyName.GetAssemblyName(TestPaths.OlderAssemblies.Single(p => Path.GetFileNameWithoutExtension(p) == name)).Version!.ToString();
            Assert.NotEqual(ours, older);
            var copies = report.Assemblies.Where(a => a.Name == name).OrderBy(a => a.Context, StringComparer.Ordinal).ToList();
            Assert.Collection(copies,
                inDefault => Assert.Equal(("Default", older), (inDefault.Context, inDefault.Version)),
                inPrivate =>
                {
                    Assert.Equal((PrivateContextName, ours), (inPrivate.Context, inPrivate.Version));
                    Assert.Equal(TestPaths.DependencyDirectory, Path.GetDirectoryName(inPrivate.Location));
                });
        }
    }

    [Theory]
    [InlineData("other-first")]
    [InlineData("module-first")]
    public async Task Only_the_entry_assembly_is_in_the_default_context_and_the_engine_and_its_dependencies_in_the_private_one(string order)
    {
        var report = await Probe.RunAsync(order, emulator);

        var entry = Assert.Single(report.Assemblies, a => a.Name == "KoreHistory");
        Assert.Equal("Default", entry.Context);
        var engine = Assert.Single(report.Assemblies, a => a.Name == "KoreHistory.Client");
        Assert.Equal(PrivateContextName, engine.Context);
        Assert.All(report.Assemblies.Where(a => a.Name is "Microsoft.Extensions.Http" or "Polly.Core"),
            dependency => Assert.Equal(PrivateContextName, dependency.Context));
        Assert.Contains(report.Assemblies, a => a.Name == "Microsoft.Extensions.Http");
        Assert.DoesNotContain(report.Assemblies, a => a.Context == "Default"
            && Path.GetDirectoryName(a.Location) == TestPaths.DependencyDirectory);
    }

    [Fact]
    public async Task Without_the_loader_the_default_context_cannot_find_the_engine()
    {
        // Nothing but the entry assembly may sit where the default context probes; the engine comes only through the
        // loader (which is why KoreHistory.psm1 registers it before Import-Module reads the cmdlet types).
        var output = await Probe.RunAsync(["without-loader", TestPaths.ModuleDirectory], null);

        Assert.StartsWith("not found: KoreHistory.Client,", output.Trim(), StringComparison.Ordinal);
    }
}
