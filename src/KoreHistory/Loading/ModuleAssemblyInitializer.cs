using System.Management.Automation;

namespace KoreHistory.Loading;

/// PowerShell runs OnImport when Import-Module loads this assembly (KoreHistory.psm1 has registered the loader just
/// before, see there) and OnRemove on Remove-Module. From then on the engine (KoreHistory.Client) and its dependencies
/// come from dependencies/ beside this assembly, through ModuleDependencies, never from another module's copies.
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
