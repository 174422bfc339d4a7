<#
.SYNOPSIS
Measures how long Export-KoreHistory takes for a backfill at Kore.ai's rate limit (60 requests a minute, 1,800 an
hour per bot), on a run whose rate-limit windows are shortened, and computes the time for a larger backfill.
.DESCRIPTION
Starts the emulator (out/emulator) with the real limits over windows shortened by -Scale (a "minute" of 60/Scale s,
an "hour" of 3600/Scale s), connects with the same limits and windows, and runs one backfill of its whole history.
At a binding rate limit the time scales with the windows, so the real-limit time of this run is its time × Scale.
It then prints the model (RateLimitEta's rule: 60 requests a minute while the rolling hour has room, so an hour's 1,800
requests go in its first 30 minutes, then none until they leave the hour window), checked against this run, and what it
gives for -TargetMessages (100 messages a request, plus the sessions' requests: a UTC day at a time, 1,000 a request,
at this run's sessions per message). Run ./build.ps1 Build first.
.EXAMPLE
dotnet pwsh tests/Demo/Measure-ExportBackfill.ps1 -Sessions 31250 -Days 30 -Scale 60 -TargetMessages 1000000
#>
param(
    [int] $Sessions = 31250,
    [int] $Days = 30,
    [double] $Scale = 60,
    [long] $TargetMessages = 1000000,
    [int] $TargetDays = 90
)
$ErrorActionPreference = 'Stop'
$root = Resolve-Path (Join-Path $PSScriptRoot '../..')
Import-Module (Join-Path $root 'tests/Pester/KoreEmulator.psm1')
Import-Module (Join-Path $root 'out/KoreHistory/KoreHistory.psd1')
$minute = [timespan]::FromSeconds(60 / $Scale)
$hour = [timespan]::FromSeconds(3600 / $Scale)
$emulator = Start-KoreEmulator -EmulatorPath (Join-Path $root 'out/emulator/KoreHistory.Emulator.dll') -ArgumentList @(
    '--sessions', $Sessions, '--days', $Days, '--per-minute', 60, '--per-hour', 1800,
    '--minute-window-seconds', $minute.TotalSeconds, '--hour-window-seconds', $hour.TotalSeconds)
$folder = Join-Path ([System.IO.Path]::GetTempPath()) ('korehistory-backfill-' + [guid]::NewGuid().ToString('n'))
try {
    $settings = [KoreHistory.Client.KoreConnectionSettings, KoreHistory.Client]::new()
    $settings.BaseUri = $emulator.BaseUri
    $settings.BotId = $emulator.BotId
    $settings.Credential = [KoreHistory.Client.KoreCredential, KoreHistory.Client]::FromClientSecret($emulator.ClientId, (ConvertTo-SecureString $emulator.ClientSecret -AsPlainText -Force))
    $settings.RequestsPerMinute = 60
    $settings.RequestsPerHour = 1800
    $settings.MinuteWindow = $minute
    $settings.HourWindow = $hour
    $connection = [KoreHistory.Client.KoreConnection, KoreHistory.Client]::new($settings)

    $summary = Export-KoreHistory -Path $folder -From ([datetime]::UtcNow.AddDays(-$Days - 1)) -SettleTime 0 -Connection $connection
    $requests = $summary.Requests + $summary.Retries
    # The model: floor((n - 1) / 1,800) whole hours, then the rest at 60 a minute.
    function Get-ModelHours([double] $Count) { if ($Count -le 0) { return 0 }; $hours = [math]::Floor(($Count - 1) / 1800); $hours + ($Count - 1800 * $hours) / 3600 }
    $measuredRealHours = $summary.Duration.TotalHours * $Scale
    $sessionsPerDay = $summary.Sessions / $Days
    $targetRequests = [math]::Ceiling($TargetMessages / 100) + $TargetDays * [math]::Max(1, [math]::Ceiling(($TargetMessages / ($summary.Messages / [math]::Max(1, $summary.Sessions))) / $TargetDays / 1000))
    [pscustomobject]@{
        Messages                 = $summary.Messages
        Sessions                 = $summary.Sessions
        Requests                 = $summary.Requests
        Retries                  = $summary.Retries
        StopReason               = $summary.StopReason
        MeasuredSeconds          = [math]::Round($summary.Duration.TotalSeconds, 1)
        Scale                    = $Scale
        MeasuredAtRealLimitHours = [math]::Round($measuredRealHours, 2)
        ModelHoursForTheseRequests = [math]::Round((Get-ModelHours $requests), 2)
        SessionsPerDay           = [math]::Round($sessionsPerDay, 0)
        TargetMessages           = $TargetMessages
        TargetRequests           = $targetRequests
        TargetHours              = [math]::Round((Get-ModelHours $targetRequests) * ($measuredRealHours / (Get-ModelHours $requests)), 2)
        TargetModelHours         = [math]::Round((Get-ModelHours $targetRequests), 2)
        TargetHoursUseMessagesV2 = [math]::Round((Get-ModelHours ([math]::Ceiling($TargetMessages / 10000) + ($targetRequests - [math]::Ceiling($TargetMessages / 100)))), 2)
    }
}
finally {
    Stop-KoreEmulator -Emulator $emulator
    Remove-Item -LiteralPath $folder -Recurse -Force -ErrorAction SilentlyContinue
}
