<#
.SYNOPSIS
Builds, tests, demonstrates, packages and cleans the KoreHistory module.

.DESCRIPTION
Tasks (the first positional argument):
  Build    Builds the module into out/KoreHistory (Import-Module ./out/KoreHistory/KoreHistory.psd1) and publishes
           the emulator to out/emulator. The module's layout:
             KoreHistory.psd1, KoreHistory.psm1 (imports core/ or desktop/ by edition), KoreHistory.format.ps1xml
             core/KoreHistory.dll, core/en-US/, core/dependencies/     PowerShell 7.4+ (private AssemblyLoadContext)
             desktop/KoreHistory.dll, desktop/en-US/, desktop/dependencies/   Windows PowerShell 5.1
  Test     Runs dotnet test over the solution, then the Pester suite in a fresh pwsh.
  Pester   Builds, then runs the Pester suite (tests/Pester/*.Tests.ps1) in a fresh pwsh.
  Demo     Builds, starts the emulator, connects to it, shows sessions, exports a week of messages through
           Get-KoreSession | Get-KoreMessage | Export-Csv, prints where the file is, and stops the emulator.
  Package  Builds, then writes out/package/KoreHistory.<version>.nupkg, a package PowerShell repositories accept.
  Clean    Removes out/, TestResults/ and the projects' bin/ and obj/.

Needs the .NET 10 SDK (dotnet on PATH). Runs in PowerShell 7.4+ and in Windows PowerShell 5.1; the Pester suite
itself needs PowerShell 7.4+ (pwsh on PATH) and Pester 5.5+.

.PARAMETER Task
Build, Test, Pester, Demo, Package or Clean.

.PARAMETER Configuration
The .NET build configuration, Release by default.

.PARAMETER PesterSummary
For Pester and Test: a file to receive "<passed> <failed>" (two integers on one line), for CI.

.EXAMPLE
./build.ps1 Build
Import-Module ./out/KoreHistory/KoreHistory.psd1

.EXAMPLE
./build.ps1 Demo

.EXAMPLE
pwsh -NoProfile -NonInteractive -File ./build.ps1 -Task Pester -PesterSummary TestResults/pester-summary.txt
#>
[CmdletBinding()]
param(
    [Parameter(Position = 0)]
    [ValidateSet('Build', 'Test', 'Pester', 'Demo', 'Package', 'Clean')]
    [string] $Task = 'Build',

    [ValidateSet('Debug', 'Release')]
    [string] $Configuration = 'Release',

    [string] $PesterSummary
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version 3.0

$root = $PSScriptRoot
$solution = Join-Path $root 'KoreHistory.sln'
$outDirectory = Join-Path $root 'out'
$moduleDirectory = Join-Path $outDirectory 'KoreHistory'
$emulatorDirectory = Join-Path $outDirectory 'emulator'
$packageDirectory = Join-Path $outDirectory 'package'

function Invoke-Dotnet {
    param([Parameter(Mandatory = $true)] [string[]] $Arguments)
    Write-Host "dotnet $($Arguments -join ' ')" -ForegroundColor Cyan
    & dotnet @Arguments
    if ($LASTEXITCODE -ne 0) {
        throw "dotnet $($Arguments[0]) failed (exit code $LASTEXITCODE)."
    }
}

function Resolve-OutputPath {
    param([Parameter(Mandatory = $true)] [string] $Path)
    $ExecutionContext.SessionState.Path.GetUnresolvedProviderPathFromPSPath($Path)
}

function Remove-Directory {
    param([Parameter(Mandatory = $true)] [string] $Path)
    if (Test-Path -LiteralPath $Path) {
        Remove-Item -LiteralPath $Path -Recurse -Force
    }
}

function Get-ProjectVersion {
    $version = Select-Xml -Path (Join-Path $root 'Directory.Build.props') -XPath '//Version' | Select-Object -First 1
    if (-not $version) {
        throw 'Directory.Build.props has no <Version>.'
    }
    $version.Node.InnerText.Trim()
}

# The PowerShell that runs this script (pwsh or powershell.exe), for child processes.
function Get-PowerShellPath {
    if ($PSVersionTable.PSEdition -eq 'Core') {
        $name = 'pwsh'
        if ($IsWindows) {
            $name = 'pwsh.exe'
        }
        return Join-Path $PSHOME $name
    }
    Join-Path $PSHOME 'powershell.exe'
}

function Find-Pwsh {
    $pwsh = Get-Command -Name pwsh -CommandType Application -ErrorAction SilentlyContinue | Select-Object -First 1
    if ($pwsh) {
        return $pwsh.Path
    }
    $null
}

# Where each edition's entry assembly comes from: the module project's build output for that target framework, which
# already has the module layout (KoreHistory.dll, en-US/ help, and dependencies/ with the engine and everything it
# needs; see PlaceDependenciesInSubfolder in src/KoreHistory/KoreHistory.csproj).
$editionFrameworks = [ordered]@{
    core    = 'net8.0'           # PowerShell 7.4+: the private AssemblyLoadContext
    desktop = 'netstandard2.0'   # Windows PowerShell 5.1
}

function Invoke-Build {
    Invoke-Dotnet @('restore', $solution, '--nologo')
    Remove-Directory $moduleDirectory
    Remove-Directory $emulatorDirectory
    # A fresh build output, so no file of an earlier layout can slip into the module.
    $moduleProjectDirectory = Join-Path $root 'src/KoreHistory'
    Remove-Directory (Join-Path $moduleProjectDirectory "bin/$Configuration")
    Invoke-Dotnet @('build', (Join-Path $moduleProjectDirectory 'KoreHistory.csproj'), '-c', $Configuration, '--no-restore', '--nologo')
    Invoke-Dotnet @('publish', (Join-Path $root 'src/KoreHistory.Emulator/KoreHistory.Emulator.csproj'), '-c', $Configuration, '-o', $emulatorDirectory, '--no-restore', '--nologo')

    $null = New-Item -ItemType Directory -Path $moduleDirectory
    foreach ($edition in $editionFrameworks.Keys) {
        $buildOutput = Join-Path $moduleProjectDirectory "bin/$Configuration/$($editionFrameworks[$edition])"
        $editionDirectory = Join-Path $moduleDirectory $edition
        $null = New-Item -ItemType Directory -Path $editionDirectory
        Copy-Item -Path (Join-Path $buildOutput '*') -Destination $editionDirectory -Recurse
        # The manifest loads the one format file at the module root.
        Remove-Item -LiteralPath (Join-Path $editionDirectory 'KoreHistory.format.ps1xml') -ErrorAction SilentlyContinue
    }
    Copy-Item -LiteralPath (Join-Path $root 'KoreHistory.psm1') -Destination $moduleDirectory
    Copy-Item -LiteralPath (Join-Path $moduleProjectDirectory 'KoreHistory.format.ps1xml') -Destination $moduleDirectory

    # The manifest, with the version every project is built with.
    $version = Get-ProjectVersion
    $manifest = Get-Content -LiteralPath (Join-Path $root 'KoreHistory.psd1') -Raw
    $manifest = $manifest -replace "(?m)^(\s*ModuleVersion\s*=\s*)'[^']*'", "`${1}'$version'"
    Set-Content -LiteralPath (Join-Path $moduleDirectory 'KoreHistory.psd1') -Value $manifest -Encoding UTF8 -NoNewline

    Test-ModuleLayout
    Write-Host "Module $version built: Import-Module $(Join-Path $moduleDirectory 'KoreHistory.psd1')" -ForegroundColor Green
    Write-Host "Emulator published: dotnet $(Join-Path $emulatorDirectory 'KoreHistory.Emulator.dll')" -ForegroundColor Green
}

# The shape the loader relies on: per edition, the entry assembly alone at the top (anything beside it could be
# loaded into the default context by probing), the engine and its dependencies under dependencies/.
function Test-ModuleLayout {
    $required = @('KoreHistory.psd1', 'KoreHistory.psm1', 'KoreHistory.format.ps1xml')
    foreach ($edition in $editionFrameworks.Keys) {
        $required += "$edition/KoreHistory.dll", "$edition/en-US/KoreHistory.dll-Help.xml", "$edition/dependencies/KoreHistory.Client.dll",
            "$edition/dependencies/System.IdentityModel.Tokens.Jwt.dll", "$edition/dependencies/Microsoft.IdentityModel.Tokens.dll"
        $besideEntry = @(Get-ChildItem -LiteralPath (Join-Path $moduleDirectory $edition) -Filter '*.dll' -File | Where-Object { $_.Name -ne 'KoreHistory.dll' })
        if ($besideEntry.Count -gt 0) {
            throw "The published module has assemblies beside $edition/KoreHistory.dll, where the default context would load them: $($besideEntry.Name -join ', ')."
        }
    }
    foreach ($file in $required) {
        if (-not (Test-Path -LiteralPath (Join-Path $moduleDirectory $file))) {
            throw "The published module lacks $file."
        }
    }
    # PowerShell brings its own System.Management.Automation; the compile-time stub must never ship.
    if (Get-ChildItem -LiteralPath $moduleDirectory -Recurse -Filter 'System.Management.Automation.dll') {
        throw 'The published module contains System.Management.Automation.dll; PowerShellStandard.Library must be compile-only.'
    }
}

function Invoke-PesterSuite {
    $pwsh = Find-Pwsh
    if (-not $pwsh) {
        throw 'The Pester suite needs PowerShell 7.4 or later: install it (https://aka.ms/powershell) so that pwsh is on PATH.'
    }
    $arguments = @('-NoProfile', '-NonInteractive', '-ExecutionPolicy', 'Bypass', '-File', (Join-Path $root 'tests/Pester/Invoke-PesterSuite.ps1'),
        '-ResultsPath', (Join-Path $root 'TestResults/pester/testResults.xml'))
    if ($PesterSummary) {
        $arguments += @('-SummaryPath', (Resolve-OutputPath $PesterSummary))
    }
    # A fresh process: an assembly once loaded cannot be unloaded, so the suite must not share this session.
    & $pwsh @arguments
    if ($LASTEXITCODE -ne 0) {
        throw "The Pester suite failed (exit code $LASTEXITCODE)."
    }
}

function Invoke-Test {
    Invoke-Dotnet @('test', $solution, '-c', $Configuration, '--nologo')
    if (-not (Find-Pwsh)) {
        Write-Warning 'Pester suite skipped: PowerShell 7.4+ (pwsh) is not on PATH, so tests/Pester/*.Tests.ps1 did not run.'
        return
    }
    Invoke-Build
    Invoke-PesterSuite
}

function Invoke-Demo {
    Invoke-Build
    Import-Module (Join-Path $root 'tests/Pester/KoreEmulator.psm1') -Force
    $emulator = Start-KoreEmulator -EmulatorPath (Join-Path $emulatorDirectory 'KoreHistory.Emulator.dll') -ArgumentList @('--sessions', '600', '--days', '30')
    $csvPath = Join-Path $outDirectory 'demo-messages.csv'
    $scriptPath = Join-Path $outDirectory 'demo.ps1'
    # The demo runs in a fresh process, so this session never loads (and locks) the module's DLL. Its credentials
    # travel in environment variables, as they would for a scheduled task.
    Set-Content -LiteralPath $scriptPath -Encoding UTF8 -Value @'
param([string] $ManifestPath, [string] $CsvPath)
$ErrorActionPreference = 'Stop'
Import-Module $ManifestPath
$secret = ConvertTo-SecureString -String $env:KORE_CLIENT_SECRET -AsPlainText -Force
Connect-KoreBot -BotId $env:KORE_BOT_ID -ClientId $env:KORE_CLIENT_ID -ClientSecret $secret -BaseUri $env:KORE_BASE_URI
'Connected to the emulator:'
Get-KoreConnection | Format-Table -AutoSize | Out-String -Width 200
'The ten newest sessions:'
Get-KoreSession -First 10 | Format-Table | Out-String -Width 200
'Sessions of the last 30 days, by channel:'
Get-KoreSession -From (Get-Date).AddDays(-30) -To (Get-Date) | Group-Object -Property Channel |
    Sort-Object -Property Count -Descending | Format-Table -Property Count, Name -AutoSize | Out-String
'Exporting the messages of the last 7 days: Get-KoreSession | Get-KoreMessage | Export-Csv'
Get-KoreSession -From (Get-Date).AddDays(-7) -To (Get-Date) | Get-KoreMessage -OldestFirst |
    Export-Csv -Path $CsvPath -NoTypeInformation -Encoding UTF8
$rows = @(Import-Csv -Path $CsvPath)
"Exported $($rows.Count) messages to $CsvPath"
Disconnect-KoreBot
'@
    $variables = @{
        KORE_BASE_URI      = $emulator.BaseUri.ToString()
        KORE_BOT_ID        = $emulator.BotId
        KORE_CLIENT_ID     = $emulator.ClientId
        KORE_CLIENT_SECRET = $emulator.ClientSecret
    }
    try {
        Write-Host "Emulator running at $($emulator.BaseUri) (bot $($emulator.BotId))" -ForegroundColor Green
        foreach ($name in $variables.Keys) {
            Set-Item -LiteralPath "env:$name" -Value $variables[$name]
        }
        & (Get-PowerShellPath) -NoProfile -NonInteractive -ExecutionPolicy Bypass -File $scriptPath -ManifestPath (Join-Path $moduleDirectory 'KoreHistory.psd1') -CsvPath $csvPath
        if ($LASTEXITCODE -ne 0) {
            throw "The demo failed (exit code $LASTEXITCODE)."
        }
        Write-Host "The exported messages are in $csvPath" -ForegroundColor Green
    }
    finally {
        foreach ($name in $variables.Keys) {
            Remove-Item -LiteralPath "env:$name" -ErrorAction SilentlyContinue
        }
        Stop-KoreEmulator -Emulator $emulator
        Write-Host 'Emulator stopped.'
    }
}

function Invoke-Package {
    Invoke-Build
    Remove-Directory $packageDirectory
    $null = New-Item -ItemType Directory -Path $packageDirectory
    # A temporary local repository: publishing to it validates the manifest and writes the .nupkg.
    $repository = 'KoreHistoryBuild' + [guid]::NewGuid().ToString('n').Substring(0, 8)
    if (Get-Command -Name Publish-PSResource -ErrorAction SilentlyContinue) {
        Register-PSResourceRepository -Name $repository -Uri $packageDirectory -Trusted
        try {
            Publish-PSResource -Path $moduleDirectory -Repository $repository
        }
        finally {
            Unregister-PSResourceRepository -Name $repository
        }
    }
    elseif (Get-Command -Name Publish-Module -ErrorAction SilentlyContinue) {
        Register-PSRepository -Name $repository -SourceLocation $packageDirectory -PublishLocation $packageDirectory -InstallationPolicy Trusted
        try {
            Publish-Module -Path $moduleDirectory -Repository $repository -NuGetApiKey 'local-folder'
        }
        finally {
            Unregister-PSRepository -Name $repository
        }
    }
    else {
        throw 'Package needs Microsoft.PowerShell.PSResourceGet (built into PowerShell 7.4) or PowerShellGet: Install-Module Microsoft.PowerShell.PSResourceGet -Scope CurrentUser'
    }
    $packages = @(Get-ChildItem -LiteralPath $packageDirectory -Filter '*.nupkg')
    if ($packages.Count -eq 0) {
        throw "No package was written to $packageDirectory."
    }
    # The package must carry the same layout: both editions, each engine inside its dependencies/ folder.
    Add-Type -AssemblyName System.IO.Compression.FileSystem
    foreach ($package in $packages) {
        $zip = [System.IO.Compression.ZipFile]::OpenRead($package.FullName)
        try {
            $entries = @($zip.Entries | ForEach-Object { $_.FullName.Replace('\', '/') })
        }
        finally {
            $zip.Dispose()
        }
        foreach ($expected in 'KoreHistory.psm1', 'core/KoreHistory.dll', 'core/dependencies/KoreHistory.Client.dll', 'desktop/KoreHistory.dll', 'desktop/dependencies/KoreHistory.Client.dll') {
            if ($entries -notcontains $expected) {
                throw "The package $($package.Name) lacks $expected."
            }
        }
        Write-Host "Package: $($package.FullName)" -ForegroundColor Green
    }
}

function Invoke-Clean {
    Remove-Directory $outDirectory
    Remove-Directory (Join-Path $root 'TestResults')
    foreach ($project in Get-ChildItem -Path (Join-Path $root 'src'), (Join-Path $root 'tests') -Directory) {
        Remove-Directory (Join-Path $project.FullName 'bin')
        Remove-Directory (Join-Path $project.FullName 'obj')
    }
    Write-Host 'Removed out/, TestResults/ and bin/ and obj/ of every project.' -ForegroundColor Green
}

$summaryPath = $null
if ($PesterSummary) {
    $summaryPath = Resolve-OutputPath $PesterSummary
    if (Test-Path -LiteralPath $summaryPath) {
        Remove-Item -LiteralPath $summaryPath -Force
    }
}

try {
    switch ($Task) {
        'Build' { Invoke-Build }
        'Test' { Invoke-Test }
        'Pester' {
            Invoke-Build
            Invoke-PesterSuite
        }
        'Demo' { Invoke-Demo }
        'Package' { Invoke-Package }
        'Clean' { Invoke-Clean }
    }
}
catch {
    # CI reads the summary: a suite that could not even start counts as a failure.
    if ($summaryPath -and -not (Test-Path -LiteralPath $summaryPath)) {
        $directory = Split-Path -Parent $summaryPath
        if (-not (Test-Path -LiteralPath $directory)) {
            $null = New-Item -ItemType Directory -Path $directory -Force
        }
        Set-Content -LiteralPath $summaryPath -Value '0 1' -Encoding ascii
    }
    throw
}
