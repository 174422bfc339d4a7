<#
.SYNOPSIS
The Pester suite's shared set-up, dot-sourced in the BeforeAll of each *.Tests.ps1 file:
    BeforeAll { . (Join-Path $PSScriptRoot 'TestSetup.ps1') -EmulatorArguments '--sessions', '300' }
    AfterAll { Complete-TestSetup }
.DESCRIPTION
Imports the built module (out/KoreHistory) and starts an emulator (out/emulator) on a free loopback port with limits
too generous to wait on; build.ps1 Pester builds both first. Leaves for the tests: $repositoryRoot, $manifestPath,
$emulatorPath, $emulator (Start-KoreEmulator's object), $clientSecret (its secret as a SecureString), $pacing (the
connection's matching limits), and the functions below.
Not a *.Tests.ps1 file: Pester does not discover it.
#>
param(
    # The emulator's options beyond its loopback URL and limits (--sessions, --days, --seed, ...).
    [string[]] $EmulatorArguments = @()
)

$repositoryRoot = (Resolve-Path (Join-Path $PSScriptRoot '../..')).Path
$manifestPath = Join-Path $repositoryRoot 'out/KoreHistory/KoreHistory.psd1'
$emulatorPath = Join-Path $repositoryRoot 'out/emulator/KoreHistory.Emulator.dll'
if (-not (Test-Path -LiteralPath $manifestPath)) {
    throw "The module is not built: $manifestPath is missing. Run ./build.ps1 Pester."
}

Import-Module (Join-Path $PSScriptRoot 'KoreEmulator.psm1') -Force
Import-Module $manifestPath -Force

# Generous limits on both sides: the suite must not wait on the real 60-a-minute budget.
$emulator = Start-KoreEmulator -EmulatorPath $emulatorPath -ArgumentList ($EmulatorArguments + @('--per-minute', '100000', '--per-hour', '1000000'))
$clientSecret = ConvertTo-SecureString -String $emulator.ClientSecret -AsPlainText -Force
$pacing = @{ RequestsPerMinute = 100000; RequestsPerHour = 1000000 }

function Connect-Emulator {
    param([switch] $PassThru)
    Connect-KoreBot -BotId $emulator.BotId -ClientId $emulator.ClientId -ClientSecret $clientSecret `
        -BaseUri $emulator.BaseUri @pacing -PassThru:$PassThru -Quiet
}

# Runs a script block with verbose and debug output on; returns the error it ended with, the verbose and debug lines,
# and its output as text.
function Invoke-Captured {
    param([scriptblock] $ScriptBlock)
    $VerbosePreference = 'Continue'
    $DebugPreference = 'Continue'
    $lines = [System.Collections.Generic.List[string]]::new()
    $output = [System.Text.StringBuilder]::new()
    $caught = $null
    try {
        & $ScriptBlock 4>&1 5>&1 | ForEach-Object {
            if ($_ -is [System.Management.Automation.VerboseRecord] -or $_ -is [System.Management.Automation.DebugRecord]) {
                $lines.Add($_.Message)
            }
            else {
                $null = $output.AppendLine(($_ | Out-String))
            }
        }
    }
    catch {
        $caught = $_
    }
    [pscustomobject]@{ Error = $caught; Lines = $lines; Output = $output.ToString() }
}

# Runs the pwsh that runs this suite again, in a new process. A pwsh run as a .NET tool is the dotnet host with
# pwsh.dll as its first argument, so the process's own path alone would start dotnet, not pwsh.
function Invoke-ChildPwsh {
    param([Parameter(ValueFromRemainingArguments = $true)] [string[]] $ArgumentList)
    $executable = [Environment]::ProcessPath
    $prefix = @()
    if ([System.IO.Path]::GetFileNameWithoutExtension($executable) -eq 'dotnet') {
        $prefix = @(Join-Path $PSHOME 'pwsh.dll')
    }
    & $executable @prefix @ArgumentList
}

function Complete-TestSetup {
    Disconnect-KoreBot -ErrorAction SilentlyContinue
    if (Get-Variable -Name emulator -ErrorAction SilentlyContinue) {
        Stop-KoreEmulator -Emulator $emulator
    }
}
