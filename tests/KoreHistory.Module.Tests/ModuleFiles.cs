using System.Reflection;
using KoreHistory.HelpBuilder;

namespace KoreHistory.ModuleTests;

/// The built module as the tests see it: its assembly (read through metadata only), the generated MAML beside the
/// DLL, the format file, and the manifest at the repository root.
internal static class ModuleFiles
{
    public static Assembly ModuleAssembly { get; } = typeof(GetKoreSessionCommand).Assembly;

    public static Assembly ClientAssembly { get; } = typeof(Client.KoreSession).Assembly;

    public static IReadOnlyList<CmdletMetadata> Cmdlets { get; } = CmdletMetadata.ReadAll(ModuleAssembly);

    /// The PowerShell 7 build output: the layout of out/KoreHistory/core.
    public static string ModuleOutputDirectory => Path.GetFullPath(Metadata("ModuleOutputDirectory"));

    /// The Windows PowerShell 5.1 build output: the layout of out/KoreHistory/desktop.
    public static string DesktopOutputDirectory => Path.GetFullPath(Metadata("DesktopOutputDirectory"));

    public static string RootScriptPath => Path.Combine(RepositoryRoot, "KoreHistory.psm1");

    public static string RepositoryRoot => Metadata("RepositoryRoot");

    public static string MamlPath => Path.Combine(ModuleOutputDirectory, "en-US", "KoreHistory.dll-Help.xml");

    public static string FormatPath => Path.Combine(ModuleOutputDirectory, "KoreHistory.format.ps1xml");

    public static string ManifestPath => Path.Combine(RepositoryRoot, "KoreHistory.psd1");

    public static string HelpSourceDirectory => Path.Combine(RepositoryRoot, "src", "KoreHistory", "help");

    public static CmdletMetadata Cmdlet(string name) =>
        Cmdlets.SingleOrDefault(c => c.Name == name) ?? throw new InvalidOperationException($"The assembly has no cmdlet {name}.");

    private static string Metadata(string key) =>
        typeof(ModuleFiles).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == key).Value
        ?? throw new InvalidOperationException($"Assembly metadata {key} is missing.");
}
