<#
.SYNOPSIS
Runs one command as a user types it, in this fresh pwsh, and prints what it cost as `bench.<name>: <value>` lines.

.DESCRIPTION
The benchmark (PowerShellProcess.cs) starts this script with the emulator's address and credentials in environment
variables (KORE_BASE_URI, KORE_BOT_ID, KORE_CLIENT_ID, KORE_CLIENT_SECRET). With -ManifestPath it imports the module and
connects as a user does (Connect-KoreBot -SkipCredentialCheck: the check's one getSessions request is the connection's
cost, not the command's, and the emulator counts every request a scenario's client sends); with shortened rate-limit windows it makes the connection from the
engine's settings instead, because Connect-KoreBot has no window parameters (windows shorter than a minute and an
hour exist only so a benchmark can show pacing at the real limits in seconds). Without -ManifestPath the module is
not loaded (the hand-written script's runs).

The command is script text; it sees $From and $To (UTC DateTime, from -FromUtc and -ToUtc), $CsvPath, $IdsPath,
$SessionId, $HandWritten (the path of HandWritten-Export.ps1) and $Secret (the client secret as plain text, as a
hand-written script has it).
Start-up, Import-Module and Connect-KoreBot are not timed; -WarmUp is timed apart (warm-up-seconds and
warm-up-cpu-seconds: a warm-up that is the command itself is the command's cold run). Printed: seconds (wall),
cpu-seconds (this process's CPU time during the command), objects (with -CountObjects), working-set-before-bytes
(after the warm-up), peak-working-set-bytes (this process's peak since it started) and csv-bytes (when the command wrote
$CsvPath).
Progress bars are off ($ProgressPreference): nobody sees them in a child process, and drawing them is the host's
cost, not the command's.
#>
[CmdletBinding()]
param(
    [Parameter(Mandatory = $true)]
    [string] $Command,

    [string] $WarmUp,

    [string] $ManifestPath,

    [string] $FromUtc,

    [string] $ToUtc,

    [string] $CsvPath,

    [string] $IdsPath,

    [string] $SessionId,

    [int] $RequestsPerMinute = 60,

    [int] $RequestsPerHour = 1800,

    [double] $MinuteWindowSeconds = 0,

    [double] $HourWindowSeconds = 0,

    [switch] $CountObjects
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version 3.0
$ProgressPreference = 'SilentlyContinue'

function ConvertTo-UtcTime([string] $Text) {
    if ($Text) {
        [datetime]::Parse($Text, [cultureinfo]::InvariantCulture, [System.Globalization.DateTimeStyles]::AdjustToUniversal -bor [System.Globalization.DateTimeStyles]::AssumeUniversal)
    }
}

$From = ConvertTo-UtcTime $FromUtc
$To = ConvertTo-UtcTime $ToUtc
$HandWritten = Join-Path $PSScriptRoot 'HandWritten-Export.ps1'
$Secret = $env:KORE_CLIENT_SECRET

if ($ManifestPath) {
    Import-Module $ManifestPath
    $secureSecret = ConvertTo-SecureString $Secret -AsPlainText -Force
    if ($MinuteWindowSeconds -gt 0 -or $HourWindowSeconds -gt 0) {
        $settings = [KoreHistory.Client.KoreConnectionSettings, KoreHistory.Client]::new()
        $settings.BaseUri = $env:KORE_BASE_URI
        $settings.BotId = $env:KORE_BOT_ID
        $settings.Credential = [KoreHistory.Client.KoreCredential, KoreHistory.Client]::FromClientSecret($env:KORE_CLIENT_ID, $secureSecret)
        $settings.RequestsPerMinute = $RequestsPerMinute
        $settings.RequestsPerHour = $RequestsPerHour
        if ($MinuteWindowSeconds -gt 0) { $settings.MinuteWindow = [timespan]::FromSeconds($MinuteWindowSeconds) }
        if ($HourWindowSeconds -gt 0) { $settings.HourWindow = [timespan]::FromSeconds($HourWindowSeconds) }
        $connection = [KoreHistory.Client.KoreConnection, KoreHistory.Client]::new($settings)
        $PSDefaultParameterValues['Get-KoreSession:Connection'] = $connection
        $PSDefaultParameterValues['Get-KoreMessage:Connection'] = $connection
    }
    else {
        Connect-KoreBot -BotId $env:KORE_BOT_ID -ClientId $env:KORE_CLIENT_ID -ClientSecret $secureSecret -BaseUri $env:KORE_BASE_URI `
            -RequestsPerMinute $RequestsPerMinute -RequestsPerHour $RequestsPerHour -SkipCredentialCheck -Quiet
    }
}

$invariant = [cultureinfo]::InvariantCulture
if ($WarmUp) {
    $warmUpProcess = [System.Diagnostics.Process]::GetCurrentProcess()
    $warmUpCpu = $warmUpProcess.TotalProcessorTime
    $warmUpWatch = [System.Diagnostics.Stopwatch]::StartNew()
    $null = & ([scriptblock]::Create($WarmUp))
    $warmUpSeconds = $warmUpWatch.Elapsed.TotalSeconds
    $warmUpProcess.Refresh()
    "bench.warm-up-seconds: $($warmUpSeconds.ToString('0.######', $invariant))"
    "bench.warm-up-cpu-seconds: $(($warmUpProcess.TotalProcessorTime - $warmUpCpu).TotalSeconds.ToString('0.######', $invariant))"
}

[GC]::Collect()
[GC]::WaitForPendingFinalizers()
[GC]::Collect()
$self = [System.Diagnostics.Process]::GetCurrentProcess()
$workingSetBefore = $self.WorkingSet64
$cpuBefore = $self.TotalProcessorTime
$block = [scriptblock]::Create($Command)
$watch = [System.Diagnostics.Stopwatch]::StartNew()
if ($CountObjects) {
    $objects = (& $block | Measure-Object).Count
}
else {
    $null = & $block
}
$seconds = $watch.Elapsed.TotalSeconds
$self.Refresh()
$cpuSeconds = ($self.TotalProcessorTime - $cpuBefore).TotalSeconds

"bench.seconds: $($seconds.ToString('0.######', $invariant))"
"bench.cpu-seconds: $($cpuSeconds.ToString('0.######', $invariant))"
if ($CountObjects) {
    "bench.objects: $objects"
}
"bench.working-set-before-bytes: $workingSetBefore"
"bench.peak-working-set-bytes: $($self.PeakWorkingSet64)"
if ($CsvPath -and (Test-Path -LiteralPath $CsvPath)) {
    "bench.csv-bytes: $((Get-Item -LiteralPath $CsvPath).Length)"
}
