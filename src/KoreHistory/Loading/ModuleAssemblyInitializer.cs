using System.Management.Automation;

namespace KoreHistory.Loading;

/// PowerShell runs OnImport when Import-Module loads this assembly, before any cmdlet runs, and OnRemove on
/// Remove-Module. From then on the engine (KoreHistory.Client) and its dependencies come from dependencies/ beside
/// this assembly, through ModuleDependencies, never from whatever another module put in the process first.
public sealed class ModuleAssemblyInitializer : IModuleAssemblyInitializer, IModuleAssemblyCleanup
{
    public void OnImport() => ModuleDependencies.Register();

    public void OnRemove(PSModuleInfo psModuleInfo) => ModuleDependencies.Unregister();
}
