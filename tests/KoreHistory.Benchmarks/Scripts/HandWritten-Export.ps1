<#
.SYNOPSIS
A history export written by hand, without the module: what the benchmark compares KoreHistory with.

.DESCRIPTION
Written the way a user writes one from Kore.ai's API page: one JWT minted for the run (HS256, appId and sub), then
Invoke-RestMethod in a loop over 6-day windows (the API refuses 7), skip += 100 while moreAvailable, one flat object
per message for Export-Csv. With -BySession it lists the sessions first, then asks for each session's messages, one
session a request. After a 429 it sleeps -TooManyRequestsSleepSeconds (60, the API's minute; the benchmark passes
its shortened minute) and tries again.
#>
param(
    [Parameter(Mandatory = $true)] [string] $BaseUri,
    [Parameter(Mandatory = $true)] [string] $BotId,
    [Parameter(Mandatory = $true)] [string] $ClientId,
    [Parameter(Mandatory = $true)] [string] $ClientSecret,
    [Parameter(Mandatory = $true)] [datetime] $From,
    [Parameter(Mandatory = $true)] [datetime] $To,
    [switch] $BySession,
    [double] $TooManyRequestsSleepSeconds = 60
)

$ErrorActionPreference = 'Stop'

function ConvertTo-Base64Url([byte[]] $Bytes) {
    [Convert]::ToBase64String($Bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_')
}

$now = [DateTimeOffset]::UtcNow.ToUnixTimeSeconds()
$header = ConvertTo-Base64Url ([Text.Encoding]::UTF8.GetBytes('{"alg":"HS256","typ":"JWT"}'))
$claims = @{ appId = $ClientId; sub = 'history-export'; iat = $now; exp = $now + 3000 } | ConvertTo-Json -Compress
$payload = ConvertTo-Base64Url ([Text.Encoding]::UTF8.GetBytes($claims))
$hmac = [Security.Cryptography.HMACSHA256]::new([Text.Encoding]::UTF8.GetBytes($ClientSecret))
$signature = ConvertTo-Base64Url $hmac.ComputeHash([Text.Encoding]::ASCII.GetBytes("$header.$payload"))
$headers = @{ auth = "$header.$payload.$signature" }
$api = $BaseUri.TrimEnd('/') + "/api/public/bot/$BotId"

function Format-KoreDate([datetime] $Time) {
    $Time.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", [cultureinfo]::InvariantCulture)
}

function Invoke-Kore([string] $Method, [hashtable] $Body) {
    while ($true) {
        try {
            return Invoke-RestMethod -Method Post -Uri "$api/$Method" -Headers $headers -ContentType 'application/json' -Body ($Body | ConvertTo-Json -Compress)
        }
        catch {
            if ($_.Exception.Response -and [int]$_.Exception.Response.StatusCode -eq 429) {
                Start-Sleep -Seconds $TooManyRequestsSleepSeconds
                continue
            }
            throw
        }
    }
}

function Write-Message($Message) {
    [pscustomobject]@{
        MessageId = $Message._id
        SessionId = $Message.sessionId
        UserId    = $Message.createdBy
        Type      = $Message.type
        Time      = $Message.createdOn
        Channel   = $Message.chnl
        Text      = $Message.components.data.text -join ' '
    }
}

$windows = [System.Collections.Generic.List[object]]::new()
for ($start = $From; $start -lt $To; $start = $start.AddDays(6)) {
    $end = if ($start.AddDays(6) -lt $To) { $start.AddDays(6) } else { $To }
    $windows.Add(@($start, $end))
}

if ($BySession) {
    $sessions = foreach ($window in $windows) {
        $skip = 0
        do {
            $page = Invoke-Kore getSessions @{ skip = $skip; limit = 100; dateFrom = Format-KoreDate $window[0]; dateTo = Format-KoreDate $window[1] }
            $page.sessions
            $skip += 100
        } while ($page.moreAvailable)
    }
    foreach ($session in $sessions) {
        $skip = 0
        do {
            $page = Invoke-Kore getMessages @{
                skip = $skip; limit = 100; sessionId = @($session.sessionId)
                dateFrom = Format-KoreDate ([datetime]$session.start_time)
                dateTo = Format-KoreDate ([datetime]$session.end_time).AddMilliseconds(1)
            }
            foreach ($message in $page.messages) { Write-Message $message }
            $skip += 100
        } while ($page.moreAvailable)
    }
}
else {
    foreach ($window in $windows) {
        $skip = 0
        do {
            $page = Invoke-Kore getMessages @{ skip = $skip; limit = 100; dateFrom = Format-KoreDate $window[0]; dateTo = Format-KoreDate $window[1] }
            foreach ($message in $page.messages) { Write-Message $message }
            $skip += 100
        } while ($page.moreAvailable)
    }
}
