using System.Management.Automation;
using System.Reflection;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;

namespace KoreHistory.ModuleTests;

/// Issue 7: the shape the loader relies on. Per edition, the entry assembly alone at the top of its folder (anything
/// beside it could be loaded into the default context by probing), the engine and its dependencies in dependencies/,
/// from where ModuleDependencies loads them privately.
public sealed class LayoutTests
{
    private static readonly string[] ThirdPartyAssemblies =
        ["System.IdentityModel.Tokens.Jwt", "Microsoft.IdentityModel.Tokens", "Microsoft.IdentityModel.JsonWebTokens", "Microsoft.IdentityModel.Logging",
         "Microsoft.Extensions.Http", "Polly.Core", "System.Text.Json"];

    public static TheoryData<string> EditionDirectories => new() { ModuleFiles.ModuleOutputDirectory, ModuleFiles.DesktopOutputDirectory };

    [Theory]
    [MemberData(nameof(EditionDirectories))]
    public void The_entry_assembly_stands_alone_and_the_engine_and_its_dependencies_sit_in_dependencies(string editionDirectory)
    {
        var besideEntry = Directory.EnumerateFiles(editionDirectory, "*.dll").Select(Path.GetFileName).ToList();
        Assert.Equal(["KoreHistory.dll"], besideEntry);
        var dependencies = Path.Combine(editionDirectory, "dependencies");
        Assert.All(ThirdPartyAssemblies.Append("KoreHistory.Client"), name => Assert.True(File.Exists(Path.Combine(dependencies, name + ".dll")), name));
        Assert.Empty(Directory.EnumerateFiles(editionDirectory, "System.Management.Automation.dll", SearchOption.AllDirectories));
        Assert.True(File.Exists(Path.Combine(editionDirectory, "en-US", "KoreHistory.dll-Help.xml")));
    }

    [Fact]
    public void The_PowerShell_7_layout_leaves_out_the_polyfills_the_runtime_provides()
    {
        // The private context prefers dependencies/ over the runtime: a .NET Standard System.Memory there would give the
        // engine a Span<T> other than the runtime's. Built for net8.0, the layout carries none of them.
        var dependencies = Path.Combine(ModuleFiles.ModuleOutputDirectory, "dependencies");
        foreach (var polyfill in new[] { "System.Memory", "System.Buffers", "System.Runtime.CompilerServices.Unsafe", "System.Threading.Tasks.Extensions", "System.Numerics.Vectors" })
        {
            Assert.False(File.Exists(Path.Combine(dependencies, polyfill + ".dll")), polyfill);
        }
    }

    [Fact]
    public void Every_reference_in_the_PowerShell_7_layout_is_shipped_at_least_at_its_version_or_comes_from_the_runtime()
    {
        // The runtime here is newer than PowerShell 7.4's .NET 8, so "comes from the runtime" is checked by name only.
        var dependencies = Path.Combine(ModuleFiles.ModuleOutputDirectory, "dependencies");
        var runtimeDirectory = Path.GetDirectoryName(typeof(object).Assembly.Location)!;
        var files = Directory.EnumerateFiles(dependencies, "*.dll").Append(Path.Combine(ModuleFiles.ModuleOutputDirectory, "KoreHistory.dll"));
        var problems = new List<string>();
        foreach (var file in files)
        {
            foreach (var reference in ReferencesOf(file))
            {
                var shipped = Path.Combine(dependencies, reference.Name + ".dll");
                if (File.Exists(shipped))
                {
                    if (AssemblyName.GetAssemblyName(shipped).Version < reference.Version)
                    {
                        problems.Add($"{Path.GetFileName(file)} needs {reference.FullName}; dependencies/ has {AssemblyName.GetAssemblyName(shipped).Version}");
                    }
                }
                else if (reference.Name != "System.Management.Automation" && !File.Exists(Path.Combine(runtimeDirectory, reference.Name + ".dll")))
                {
                    problems.Add($"{Path.GetFileName(file)} needs {reference.FullName}, which is neither shipped nor part of the runtime");
                }
            }
        }
        Assert.Empty(problems);
    }

    [Fact]
    public void PowerShell_finds_the_initializer_and_the_root_script_finds_the_loader()
    {
        var initializer = Assert.Single(ModuleFiles.ModuleAssembly.GetExportedTypes(), t => typeof(IModuleAssemblyInitializer).IsAssignableFrom(t));
        Assert.False(initializer.IsAbstract);
        Assert.True(typeof(IModuleAssemblyCleanup).IsAssignableFrom(initializer));
        Assert.NotNull(initializer.GetConstructor(Type.EmptyTypes));

        // KoreHistory.psm1 calls it by name, before Import-Module reads the cmdlet types.
        var register = ModuleFiles.ModuleAssembly.GetType("KoreHistory.Loading.ModuleDependencies", throwOnError: true)!
            .GetMethod("Register", BindingFlags.Public | BindingFlags.Static, Type.EmptyTypes);
        Assert.NotNull(register);
        var script = File.ReadAllText(ModuleFiles.RootScriptPath);
        Assert.Contains("GetType('KoreHistory.Loading.ModuleDependencies', $true).GetMethod('Register')", script, StringComparison.Ordinal);
    }

    private static List<AssemblyName> ReferencesOf(string path)
    {
        using var stream = File.OpenRead(path);
        using var portableExecutable = new PEReader(stream);
        var metadata = portableExecutable.GetMetadataReader();
        return [.. metadata.AssemblyReferences.Select(handle => metadata.GetAssemblyReference(handle).GetAssemblyName())];
    }
}
