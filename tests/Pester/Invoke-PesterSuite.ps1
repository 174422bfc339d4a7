<#
.SYNOPSIS
Runs the Pester suite (tests/Pester/*.Tests.ps1) against the built module; build.ps1 runs it in a fresh pwsh.
.PARAMETER PesterPath
The Pester module to run it with (its manifest): build.ps1 passes the pinned Pester that dotnet restored.
.PARAMETER SummaryPath
Where to write "<passed> <failed>" (two integers on one line) for CI.
.PARAMETER ResultsPath
Where to write the NUnit XML results.
#>
[CmdletBinding()]
param(
    [Parameter(Mandatory = $true)]
    [string] $PesterPath,

    [string] $SummaryPath,
    [string] $ResultsPath = (Join-Path $PSScriptRoot '../../TestResults/pester/testResults.xml')
)

$ErrorActionPreference = 'Stop'
$minimumPester = [version]'5.5.0'

function Write-Summary([int] $Passed, [int] $Failed) {
    if ($SummaryPath) {
        $directory = Split-Path -Parent $SummaryPath
        if ($directory -and -not (Test-Path -LiteralPath $directory)) {
            $null = New-Item -ItemType Directory -Path $directory -Force
        }
        Set-Content -LiteralPath $SummaryPath -Value "$Passed $Failed" -Encoding ascii
    }
}

if ($PSVersionTable.PSVersion -lt [version]'7.4') {
    Write-Host "The Pester suite needs PowerShell 7.4 or later; this is $($PSVersionTable.PSVersion)."
    Write-Summary -Passed 0 -Failed 1
    exit 1
}

$pester = Import-Module -Name $PesterPath -MinimumVersion $minimumPester -Force -PassThru
$resultsDirectory = Split-Path -Parent $ResultsPath
if (-not (Test-Path -LiteralPath $resultsDirectory)) {
    $null = New-Item -ItemType Directory -Path $resultsDirectory -Force
}

$configuration = New-PesterConfiguration
$configuration.Run.Path = $PSScriptRoot
$configuration.Run.PassThru = $true
$configuration.Run.Exit = $false
$configuration.Output.Verbosity = 'Detailed'
if ([Console]::IsOutputRedirected) {
    $configuration.Output.RenderMode = 'Plaintext'    # a CI log, not a terminal
}
$configuration.TestResult.Enabled = $true
$configuration.TestResult.OutputFormat = 'NUnitXml'
$configuration.TestResult.OutputPath = $ResultsPath

$result = Invoke-Pester -Configuration $configuration
# A block or file that fails outside its tests (BeforeAll, discovery) fails too.
$failed = $result.FailedCount + $result.FailedBlocksCount + $result.FailedContainersCount
Write-Summary -Passed $result.PassedCount -Failed $failed
Write-Host "Pester: $($result.PassedCount) passed, $failed failed, $($result.SkippedCount) skipped."
if ($failed -gt 0 -or $result.PassedCount -eq 0) {
    exit 1
}
exit 0
