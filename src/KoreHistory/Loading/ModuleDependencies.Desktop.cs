#if !NET
using System.Reflection;

namespace KoreHistory.Loading;

/// Windows PowerShell 5.1 (.NET Framework) has no AssemblyLoadContext: every assembly shares one AppDomain. The best
/// the platform allows is an AssemblyResolve handler, which the runtime consults only when it cannot bind a reference
/// itself. It serves the copies in dependencies/ to this module's own assemblies only, by simple name (it doubles as
/// the binding redirects powershell.exe does not have for us). Strong-named assemblies of different versions load
/// side by side, so the engine gets its own System.IdentityModel.Tokens.Jwt even when another module loaded an older
/// one; an assembly of the very same identity loaded earlier by another module is shared, as .NET Framework decides.
public static class ModuleDependencies
{
    public const string EngineAssemblyName = "KoreHistory.Client";
    private static readonly object Gate = new();
    private static readonly Assembly EntryAssembly = typeof(ModuleDependencies).Assembly;
    private static readonly Lazy<Dictionary<string, string>> FilesByName = new(ListDependencies);
    private static bool registered;

    public static string DependencyDirectory { get; } =
        Path.Combine(Path.GetDirectoryName(EntryAssembly.Location)!, "dependencies");

    public static void Register()
    {
        lock (Gate)
        {
            if (!registered)
            {
                AppDomain.CurrentDomain.AssemblyResolve += Resolve;
                registered = true;
            }
        }
    }

    public static void Unregister()
    {
        lock (Gate)
        {
            AppDomain.CurrentDomain.AssemblyResolve -= Resolve;
            registered = false;
        }
    }

    private static Assembly? Resolve(object? sender, ResolveEventArgs args)
    {
        var requested = new AssemblyName(args.Name);
        if (requested.Name is null || !FilesByName.Value.TryGetValue(requested.Name, out var path))
        {
            return null;
        }
        // Without a requesting assembly (a late-bound load) only the exact identity we ship is served: whoever asked
        // for exactly that version gets what it asked for, and nobody gets a version it did not name.
        var servesRequester = args.RequestingAssembly is { } requester
            ? IsOurs(requester)
            : string.Equals(AssemblyName.GetAssemblyName(path).FullName, requested.FullName, StringComparison.OrdinalIgnoreCase);
        return servesRequester ? Assembly.LoadFrom(path) : null;
    }

    private static bool IsOurs(Assembly assembly)
    {
        if (assembly == EntryAssembly)
        {
            return true;
        }
        if (assembly.IsDynamic || string.IsNullOrEmpty(assembly.Location))
        {
            return false;
        }
        var directory = Path.GetDirectoryName(assembly.Location);
        return string.Equals(Path.GetFullPath(directory!), Path.GetFullPath(DependencyDirectory), StringComparison.OrdinalIgnoreCase);
    }

    private static Dictionary<string, string> ListDependencies()
    {
        var files = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        if (Directory.Exists(DependencyDirectory))
        {
            foreach (var path in Directory.EnumerateFiles(DependencyDirectory, "*.dll"))
            {
                files[Path.GetFileNameWithoutExtension(path)] = path;
            }
        }
        return files;
    }
}
#endif
