# KoreHistory's root module: imports the entry assembly built for this edition of PowerShell, then exports its
# cmdlets as the module's own.
#   core/KoreHistory.dll     PowerShell 7.4+ (.NET 8+). Its engine (KoreHistory.Client) and every dependency sit in
#                            core/dependencies/ and load in a private AssemblyLoadContext, so other modules' versions
#                            of System.IdentityModel.Tokens.Jwt, Microsoft.Extensions.* etc. never meet ours.
#   desktop/KoreHistory.dll  Windows PowerShell 5.1 (.NET Framework 4.7.2+), dependencies in desktop/dependencies/.
# A manifest cannot choose a DLL by edition; this file is the one place that does.
Set-StrictMode -Version 3.0

if ($PSEdition -eq 'Core') {
    if ($PSVersionTable.PSVersion -lt [version]'7.4') {
        throw "KoreHistory needs PowerShell 7.4 or later (or Windows PowerShell 5.1); this is PowerShell $($PSVersionTable.PSVersion)."
    }
    $editionFolder = 'core'
}
else {
    $editionFolder = 'desktop'
}

$entryAssemblyPath = [System.IO.Path]::Combine($PSScriptRoot, $editionFolder, 'KoreHistory.dll')
# Import-Module reads every public type of a binary module before it runs the module's IModuleAssemblyInitializer, and
# some cmdlet parameters are engine enums (KoreRegion, KoreSessionType...), whose assembly must be found right then.
# So the loader is registered first, on the entry assembly loaded by path: the very load Import-Module then reuses.
$entryAssembly = [System.Reflection.Assembly]::LoadFrom($entryAssemblyPath)
$null = $entryAssembly.GetType('KoreHistory.Loading.ModuleDependencies', $true).GetMethod('Register').Invoke($null, $null)
$binaryModule = Import-Module -Name $entryAssemblyPath -PassThru -ErrorAction Stop
Export-ModuleMember -Cmdlet @($binaryModule.ExportedCmdlets.Keys)
