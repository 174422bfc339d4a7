#if NET
using System.Reflection;
using System.Runtime.Loader;

namespace KoreHistory.Loading;

/// PowerShell 7+: the engine and everything it brings load in one private AssemblyLoadContext.
/// This assembly (the cmdlets) lives in the default context, where PowerShell loaded it. When the default context
/// cannot find KoreHistory.Client (it is not beside this assembly, nor in PowerShell's own folder), it raises
/// Resolving; the handler answers with the engine loaded in the private context. Only the engine's name is answered
/// there: a request for System.IdentityModel.Tokens.Jwt from another module is never served our copy. Inside the
/// private context, the engine's own references are looked up in dependencies/ first, so another module's copy in
/// the default context, older or newer, is never used by the engine.
public static class ModuleDependencies
{
    public const string EngineAssemblyName = "KoreHistory.Client";
    private static readonly object Gate = new();
    private static bool registered;

    /// The folder of the engine and its dependencies: dependencies/ beside this assembly.
    public static string DependencyDirectory { get; } =
        Path.Combine(Path.GetDirectoryName(typeof(ModuleDependencies).Assembly.Location)!, "dependencies");

    /// One per process: a second import (Import-Module -Force) must find the engine types the first one created.
    public static AssemblyLoadContext PrivateContext => LoadContext.Instance;

    public static void Register()
    {
        lock (Gate)
        {
            if (!registered)
            {
                AssemblyLoadContext.Default.Resolving += ResolveEngine;
                registered = true;
            }
        }
    }

    public static void Unregister()
    {
        lock (Gate)
        {
            AssemblyLoadContext.Default.Resolving -= ResolveEngine;
            registered = false;
        }
    }

    private static Assembly? ResolveEngine(AssemblyLoadContext defaultContext, AssemblyName name) =>
        string.Equals(name.Name, EngineAssemblyName, StringComparison.Ordinal) ? PrivateContext.LoadFromAssemblyName(name) : null;

    private sealed class LoadContext : AssemblyLoadContext
    {
        public static readonly LoadContext Instance = new();

        private LoadContext()
            : base("KoreHistory", isCollectible: false)
        {
        }

        protected override Assembly? Load(AssemblyName assemblyName)
        {
            var path = Path.Combine(DependencyDirectory, assemblyName.Name + ".dll");
            // Not ours (System.Runtime, netstandard, System.Management.Automation...): the default context's copy.
            return File.Exists(path) ? LoadFromAssemblyPath(path) : null;
        }
    }
}
#endif
