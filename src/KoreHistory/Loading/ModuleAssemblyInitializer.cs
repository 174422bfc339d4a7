using System.Management.Automation;

namespace KoreHistory.Loading;

/// PowerShell runs OnImport when Import-Module loads this assembly (KoreHistory.psm1 has registered the loader just
/// before, see there) and OnRemove on Remove-Module, which also forgets the runspace's connection. From then on the
/// engine (KoreHistory.Client) and its dependencies come from dependencies/ beside this assembly, through
/// ModuleDependencies, never from another module's copies.
public sealed class ModuleAssemblyInitializer : IModuleAssemblyInitializer, IModuleAssemblyCleanup
{
    private static readonly object Gate = new();
    private static int importedIn;

    public void OnImport()
    {
        lock (Gate)
        {
            importedIn++;
            ModuleDependencies.Register();
        }
    }

    public void OnRemove(PSModuleInfo psModuleInfo)
    {
        // Remove-Module forgets this runspace's connection (and erases its secret), as a new import starts afresh.
        ConnectionState.Clear();
        // The resolve handler serves the whole process, and other runspaces (thread jobs, ForEach-Object -Parallel)
        // may still use the module: only the last removal takes it away.
        lock (Gate)
        {
            importedIn = Math.Max(0, importedIn - 1);
            if (importedIn == 0)
            {
                ModuleDependencies.Unregister();
            }
        }
    }
}
