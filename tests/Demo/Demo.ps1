<#
.SYNOPSIS
The demo that build.ps1 Demo runs against the emulator it starts: connect, show sessions, export a week of messages.
.DESCRIPTION
Runs in a fresh pwsh, as a scheduled task would: the emulator's address and credentials come in the environment
variables KORE_BASE_URI, KORE_BOT_ID, KORE_CLIENT_ID and KORE_CLIENT_SECRET.
#>
param(
    [Parameter(Mandatory = $true)]
    [string] $ManifestPath,

    [Parameter(Mandatory = $true)]
    [string] $CsvPath
)

$ErrorActionPreference = 'Stop'
Import-Module $ManifestPath
$secret = ConvertTo-SecureString -String $env:KORE_CLIENT_SECRET -AsPlainText -Force
# Checks the credentials with one request and says whom it connected to.
Connect-KoreBot -BotId $env:KORE_BOT_ID -ClientId $env:KORE_CLIENT_ID -ClientSecret $secret -BaseUri $env:KORE_BASE_URI
Get-KoreConnection | Format-Table -AutoSize | Out-String -Width 200

'The ten newest sessions:'
Get-KoreSession -First 10 | Format-Table | Out-String -Width 200

'Sessions of the last 30 days, by channel:'
Get-KoreSession -From (Get-Date).AddDays(-30) -To (Get-Date) | Group-Object -Property Channel |
    Sort-Object -Property Count -Descending | Format-Table -Property Count, Name -AutoSize | Out-String

'Exporting the messages of the last 7 days: Get-KoreSession | Get-KoreMessage | Export-Csv'
Get-KoreSession -From (Get-Date).AddDays(-7) -To (Get-Date) | Get-KoreMessage |
    Export-Csv -Path $CsvPath -NoTypeInformation -Encoding UTF8
$rows = @(Import-Csv -Path $CsvPath)
"Exported $($rows.Count) messages to $CsvPath"

'The first conversation of the export, oldest message first:'
Get-KoreMessage -SessionId $rows[0].SessionId | Format-Table | Out-String -Width 120
Disconnect-KoreBot
