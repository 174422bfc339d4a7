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
  Test     Every test: dotnet test over the solution (xunit), then the Pester suite against the built module in a
           fresh pwsh. Ends with "N passed, N failed" over both and exits 1 when either failed or did not run.
           Results: TestResults/xunit/*.trx and TestResults/pester/testResults.xml.
  Pester   Builds, then runs only the Pester suite (tests/Pester/*.Tests.ps1) in a fresh pwsh.
  Demo     Builds, starts the emulator, connects to it, shows sessions, exports a week of messages through
           Get-KoreSession | Get-KoreMessage | Export-Csv, prints where the file is, and stops the emulator.
  Package  Builds, then writes out/package/KoreHistory.<version>.nupkg, a package PowerShell repositories accept.
  Clean    Removes out/, TestResults/ and the projects' bin/ and obj/.

Needs only the .NET 10 SDK: the repository pins PowerShell 7.6.9 as a local .NET tool (.config/dotnet-tools.json;
dotnet tool restore, then dotnet pwsh) and Pester 5.9.1 as a NuGet package (tests/Pester/Restore), both restored from
the machine's NuGet sources. A pwsh 7.4+ of your own runs it too; so does Windows PowerShell 5.1 for Build, Demo and
Package (the Pester suite then runs in the pinned pwsh).

.PARAMETER Task
Build, Test, Pester, Demo, Package or Clean.

.PARAMETER Configuration
The .NET build configuration, Release by default.

.EXAMPLE
dotnet tool restore && dotnet pwsh ./build.ps1 Test

.EXAMPLE
dotnet tool restore && dotnet pwsh ./build.ps1 Demo

.EXAMPLE
./build.ps1 Build
Import-Module ./out/KoreHistory/KoreHistory.psd1
#>
[CmdletBinding()]
param(
    [Parameter(Position = 0)]
    [ValidateSet('Build', 'Test', 'Pester', 'Demo', 'Package', 'Clean')]
    [string] $Task = 'Build',

    [ValidateSet('Debug', 'Release')]
    [string] $Configuration = 'Release'
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version 3.0

$root = $PSScriptRoot
$solution = Join-Path $root 'KoreHistory.sln'
$outDirectory = Join-Path $root 'out'
$moduleDirectory = Join-Path $outDirectory 'KoreHistory'
$emulatorDirectory = Join-Path $outDirectory 'emulator'
$packageDirectory = Join-Path $outDirectory 'package'
$resultsDirectory = Join-Path $root 'TestResults'

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

# The PowerShell that runs this script, as a command and its leading arguments for a child process. A pwsh run as a
# .NET tool (dotnet pwsh) is the dotnet host with pwsh.dll as its first argument; Windows PowerShell is powershell.exe.
function Get-PowerShellCommand {
    $path = [System.Diagnostics.Process]::GetCurrentProcess().MainModule.FileName
    if ($PSVersionTable.PSEdition -eq 'Core') {
        $path = [Environment]::ProcessPath
        if ([System.IO.Path]::GetFileNameWithoutExtension($path) -eq 'dotnet') {
            return @($path, (Join-Path $PSHOME 'pwsh.dll'))
        }
    }
    @($path)
}

# The pwsh for the Pester suite: this one when it is PowerShell 7.4+, else the one the repository's tool manifest
# pins (.config/dotnet-tools.json), restored by dotnet.
function Get-PesterPowerShellCommand {
    if ($PSVersionTable.PSEdition -eq 'Core' -and $PSVersionTable.PSVersion -ge [version]'7.4') {
        return Get-PowerShellCommand
    }
    Invoke-Dotnet @('tool', 'restore')
    @('dotnet', 'pwsh')
}

# Pester 5, without touching the user's module folders: the version tests/Pester/Restore pins, restored by dotnet from
# the machine's NuGet sources into the global packages folder. Where that restore fails (offline, say), a Pester 5.5+
# already installed for this user is taken instead.
function Get-PesterManifestPath {
    $restoreProject = Join-Path $root 'tests/Pester/Restore/PesterPackage.csproj'
    & dotnet restore $restoreProject --nologo --verbosity quiet
    if ($LASTEXITCODE -eq 0) {
        $assets = Get-Content -LiteralPath (Join-Path $root 'tests/Pester/Restore/obj/project.assets.json') -Raw | ConvertFrom-Json
        $version = ([xml](Get-Content -LiteralPath $restoreProject -Raw)).Project.ItemGroup.PackageDownload.Version.Trim('[', ']')
        foreach ($folder in $assets.packageFolders.PSObject.Properties.Name) {
            $manifest = Join-Path $folder "pester/$version/tools/Pester.psd1"
            if (Test-Path -LiteralPath $manifest) {
                return $manifest
            }
        }
    }
    $installed = Get-Module -ListAvailable -Name Pester | Where-Object { $_.Version -ge [version]'5.5.0' } |
        Sort-Object Version -Descending | Select-Object -First 1
    if ($installed) {
        Write-Warning "The pinned Pester could not be restored; using the installed Pester $($installed.Version)."
        return $installed.Path
    }
    throw 'Pester 5.5+ is not available: dotnet restore tests/Pester/Restore/PesterPackage.csproj failed and no Pester 5.5+ is installed.'
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
    # The licence, and the about_KoreHistory topic where Get-Help finds it even before the module is imported.
    Copy-Item -LiteralPath (Join-Path $root 'LICENSE') -Destination $moduleDirectory
    $null = New-Item -ItemType Directory -Path (Join-Path $moduleDirectory 'en-US')
    Copy-Item -LiteralPath (Join-Path $moduleProjectDirectory 'help/about_KoreHistory.help.txt') -Destination (Join-Path $moduleDirectory 'en-US')

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
    $required = @('KoreHistory.psd1', 'KoreHistory.psm1', 'KoreHistory.format.ps1xml', 'LICENSE', 'en-US/about_KoreHistory.help.txt')
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

# Runs the Pester suite in a fresh pwsh (an assembly once loaded cannot be unloaded, so the suite must not share this
# session) and returns its counts.
function Invoke-PesterSuite {
    $summaryFile = Join-Path $resultsDirectory 'pester/summary.txt'
    Remove-Item -LiteralPath $summaryFile -ErrorAction SilentlyContinue
    $pesterManifest = Get-PesterManifestPath
    $command = @(Get-PesterPowerShellCommand)
    $arguments = @($command | Select-Object -Skip 1) + @('-NoProfile', '-NonInteractive', '-ExecutionPolicy', 'Bypass',
        '-File', (Join-Path $root 'tests/Pester/Invoke-PesterSuite.ps1'), '-PesterPath', $pesterManifest,
        '-ResultsPath', (Join-Path $resultsDirectory 'pester/testResults.xml'), '-SummaryPath', $summaryFile)
    & $command[0] @arguments | Out-Host
    $counts = [pscustomobject]@{ Name = 'Pester'; Passed = 0; Failed = 1 }
    if (Test-Path -LiteralPath $summaryFile) {
        $passed, $failed = (Get-Content -LiteralPath $summaryFile -Raw).Trim() -split '\s+'
        $counts.Passed = [int]$passed
        $counts.Failed = [int]$failed
    }
    else {
        Write-Warning 'The Pester suite wrote no summary: it did not run.'
    }
    if ($LASTEXITCODE -ne 0 -and $counts.Failed -eq 0) {
        $counts.Failed = 1
    }
    $counts
}

# dotnet test over the solution (every xunit project), with a TRX file per project, and the counts read from them.
function Invoke-Xunit {
    $trxDirectory = Join-Path $resultsDirectory 'xunit'
    Remove-Directory $trxDirectory
    & dotnet test $solution -c $Configuration --nologo --logger trx --results-directory $trxDirectory | Out-Host
    $exitCode = $LASTEXITCODE
    $counts = [pscustomobject]@{ Name = 'xunit'; Passed = 0; Failed = 0 }
    foreach ($trx in Get-ChildItem -LiteralPath $trxDirectory -Filter '*.trx' -ErrorAction SilentlyContinue) {
        $counters = ([xml](Get-Content -LiteralPath $trx.FullName -Raw)).TestRun.ResultSummary.Counters
        $counts.Passed += [int]$counters.passed
        $counts.Failed += [int]$counters.failed
    }
    if ($exitCode -ne 0 -and $counts.Failed -eq 0) {
        $counts.Failed = 1    # the build or the test host failed before a test could
    }
    $counts
}

# Every test: xunit, then the Pester suite against the freshly built module. Ends with the line "N passed, N failed"
# over both, and fails when either suite failed or did not run.
function Invoke-Test {
    $suites = @(Invoke-Xunit)
    try {
        Invoke-Build
        $suites += Invoke-PesterSuite
    }
    catch {
        Write-Host "The Pester suite did not run: $_" -ForegroundColor Red
        $suites += [pscustomobject]@{ Name = 'Pester'; Passed = 0; Failed = 1 }
    }
    foreach ($suite in $suites) {
        Write-Host "$($suite.Name): $($suite.Passed) passed, $($suite.Failed) failed"
    }
    $passed = ($suites | Measure-Object -Property Passed -Sum).Sum
    $failed = ($suites | Measure-Object -Property Failed -Sum).Sum
    if (@($suites | Where-Object { $_.Passed -eq 0 }).Count -gt 0) {
        $failed += 1    # a suite that ran no test did not run
    }
    "$passed passed, $failed failed"
    if ($failed -gt 0) {
        exit 1
    }
}

function Invoke-Demo {
    Invoke-Build
    Import-Module (Join-Path $root 'tests/Pester/KoreEmulator.psm1') -Force
    $emulator = Start-KoreEmulator -EmulatorPath (Join-Path $emulatorDirectory 'KoreHistory.Emulator.dll') -ArgumentList @('--sessions', '600', '--days', '30')
    $csvPath = Join-Path $outDirectory 'demo-messages.csv'
    # The demo (tests/Demo/Demo.ps1) runs in a fresh process, so this session never loads (and locks) the module's
    # DLL. Its credentials travel in environment variables, as they would for a scheduled task.
    $scriptPath = Join-Path $root 'tests/Demo/Demo.ps1'
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
        $powershell = @(Get-PowerShellCommand)
        & $powershell[0] @($powershell | Select-Object -Skip 1) -NoProfile -NonInteractive -ExecutionPolicy Bypass -File $scriptPath -ManifestPath (Join-Path $moduleDirectory 'KoreHistory.psd1') -CsvPath $csvPath
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
    foreach ($project in @(Get-ChildItem -Path (Join-Path $root 'src'), (Join-Path $root 'tests') -Directory) + @(Get-Item (Join-Path $root 'tests/Pester/Restore'))) {
        Remove-Directory (Join-Path $project.FullName 'bin')
        Remove-Directory (Join-Path $project.FullName 'obj')
    }
    Write-Host 'Removed out/, TestResults/ and bin/ and obj/ of every project.' -ForegroundColor Green
}

switch ($Task) {
    'Build' { Invoke-Build }
    'Test' { Invoke-Test }
    'Pester' {
        Invoke-Build
        $counts = Invoke-PesterSuite
        "$($counts.Passed) passed, $($counts.Failed) failed"
        if ($counts.Failed -gt 0) {
            exit 1
        }
    }
    'Demo' { Invoke-Demo }
    'Package' { Invoke-Package }
    'Clean' { Invoke-Clean }
}
