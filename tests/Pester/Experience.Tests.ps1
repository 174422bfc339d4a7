# Issue 13, "The PowerShell experience, tried as an admin would": each numbered item of the issue (but 7b and 9),
# typed as a user types it, against the emulator. Run with ./build.ps1 Pester (or Test).

BeforeAll {
    . (Join-Path $PSScriptRoot 'TestSetup.ps1') -EmulatorArguments '--sessions', '300', '--days', '30', '--seed', '13'

    # Runs a script in its own runspace, started asynchronously, so a test can watch its streams while it runs (what
    # a user sees on screen) and stop it as Ctrl+C does. The script takes the manifest path and the emulator's
    # address and credentials as parameters; with -Connect, the module is imported and connected first.
    function Start-Watched {
        param([scriptblock] $Script, [object] $Target = $emulator, [switch] $Connect)
        $shell = [powershell]::Create()
        if ($Connect) {
            $null = $shell.AddScript($connectInRunspace).AddParameter('ManifestPath', $manifestPath).AddParameter('Emulator', $Target).AddStatement()
        }
        $null = $shell.AddScript($Script).AddParameter('ManifestPath', $manifestPath).AddParameter('Emulator', $Target)
        [pscustomobject]@{ Shell = $shell; Invocation = $shell.BeginInvoke() }
    }

    # Polls until the condition holds; false when it did not within the timeout.
    function Wait-Until {
        param([scriptblock] $Condition, [int] $TimeoutSeconds = 60)
        $deadline = [DateTime]::UtcNow.AddSeconds($TimeoutSeconds)
        while ([DateTime]::UtcNow -lt $deadline) {
            if (& $Condition) {
                return $true
            }
            Start-Sleep -Milliseconds 50
        }
        $false
    }

    # Imports the module and connects inside another runspace, quietly, with limits too generous to wait on.
    $connectInRunspace = {
        param($ManifestPath, $Emulator)
        Import-Module $ManifestPath
        $secret = ConvertTo-SecureString -String $Emulator.ClientSecret -AsPlainText -Force
        Connect-KoreBot -BotId $Emulator.BotId -ClientId $Emulator.ClientId -ClientSecret $secret -BaseUri $Emulator.BaseUri `
            -RequestsPerMinute 100000 -RequestsPerHour 1000000 -Quiet
    }

    $iso = '^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3,7}Z$'
    Connect-Emulator
    $from = (Get-Date).AddDays(-31)
    $sessions = @(Get-KoreSession -From $from)
    $session = $sessions | Where-Object { $_.MessageCount -ge 4 } | Select-Object -First 1
    $conversation = @(Get-KoreMessage -SessionId $session.SessionId)
    $message = $conversation[0]
}

AfterAll {
    Complete-TestSetup
}

Describe '1. Waits that speak' {
    Context 'a server that answers 429 with Retry-After' {
        BeforeAll {
            # Three requests per 6 seconds: the connect check and two pages pass, the third page waits.
            $limited = Start-KoreEmulator -EmulatorPath $emulatorPath -ArgumentList @(
                '--sessions', '100', '--days', '5', '--per-minute', '3', '--minute-window-seconds', '6')
        }

        AfterAll {
            Stop-KoreEmulator -Emulator $limited
        }

        It 'shows the wait in the progress bar and as a verbose line while it runs, then reads on' {
            $watched = Start-Watched -Target $limited -Script {
                param($ManifestPath, $Emulator)
                Import-Module $ManifestPath
                $secret = ConvertTo-SecureString -String $Emulator.ClientSecret -AsPlainText -Force
                Connect-KoreBot -BotId $Emulator.BotId -ClientId $Emulator.ClientId -ClientSecret $secret -BaseUri $Emulator.BaseUri `
                    -MaxConcurrentRequests 1 -Quiet
                Get-KoreSession -PageSize 5 -First 15 -Verbose
            }
            try {
                Wait-Until { $watched.Shell.Streams.Verbose.Message -like 'Waiting * s:*' } | Should -BeTrue
                # Written as the wait began, not when the next item arrived: the read is still waiting.
                $watched.Invocation.IsCompleted | Should -BeFalse
                Wait-Until { $watched.Shell.Streams.Progress | Where-Object { $_.StatusDescription -like 'Waiting * s:*' -and $_.SecondsRemaining -ge 1 } } |
                    Should -BeTrue
                $sessionsRead = $watched.Shell.EndInvoke($watched.Invocation)
                $sessionsRead | Should -HaveCount 15
                $watched.Shell.Streams.Error | Should -BeNullOrEmpty
            }
            finally {
                $watched.Shell.Dispose()
            }
        }
    }

    It 'says why the next command waits when the bot''s budget is spent, and Ctrl+C stops it at once' {
        # Two requests a minute: the connect check and one read spend them, so the next command waits for the budget.
        $watched = Start-Watched -Script {
            param($ManifestPath, $Emulator)
            Import-Module $ManifestPath
            $secret = ConvertTo-SecureString -String $Emulator.ClientSecret -AsPlainText -Force
            Connect-KoreBot -BotId $Emulator.BotId -ClientId $Emulator.ClientId -ClientSecret $secret -BaseUri $Emulator.BaseUri -RequestsPerMinute 2 -Quiet
            $null = Get-KoreSession -First 1
            Get-KoreSession -First 1 -Verbose
        }
        try {
            Wait-Until { $watched.Shell.Streams.Verbose.Message -like 'Waiting * s: *' } | Should -BeTrue
            Wait-Until { $watched.Shell.Streams.Progress | Where-Object { $_.StatusDescription -like 'Waiting * s: *' -and $_.SecondsRemaining -gt 30 } } |
                Should -BeTrue
            $stopping = [Diagnostics.Stopwatch]::StartNew()
            $watched.Shell.Stop()
            $stopping.Elapsed.TotalSeconds | Should -BeLessThan 5
            $watched.Shell.InvocationStateInfo.State | Should -Be 'Stopped'
            # Stopped during the wait: no request was sent for it.
            @($watched.Shell.Streams.Verbose.Message | Where-Object { $_ -match '^POST ' }) | Should -HaveCount 0
        }
        finally {
            $watched.Shell.Dispose()
        }
    }

    Context 'a slow server' {
        BeforeAll {
            $slow = Start-KoreEmulator -EmulatorPath $emulatorPath -ArgumentList @('--sessions', '200', '--days', '14', '--latency-ms', '150',
                '--per-minute', '100000', '--per-hour', '1000000')
        }

        AfterAll {
            Stop-KoreEmulator -Emulator $slow
        }

        It 'shows a piped export''s overall progress: sessions done of sessions piped so far, messages, requests' {
            $watched = Start-Watched -Target $slow -Connect -Script {
                param($ManifestPath, $Emulator)
                Get-KoreSession -From (Get-Date).AddDays(-14) | Get-KoreMessage | Measure-Object | ForEach-Object Count
            }
            try {
                $written = $watched.Shell.EndInvoke($watched.Invocation)[0]
                $records = @($watched.Shell.Streams.Progress | Where-Object Activity -EQ 'Get-KoreMessage')
                $records.Count | Should -BeGreaterThan 0
                $lines = @($records | Where-Object RecordType -EQ 'Processing' | ForEach-Object StatusDescription)
                $lines | Should -Not -BeNullOrEmpty
                $lines | ForEach-Object { $_ | Should -Match '^[\d,]+ of [\d,]+ sessions piped so far · [\d,]+ messages · [\d,]+ requests?$' }
                # The total grows as sessions are piped in, over the batches: never per batch of 50.
                $piped = @($lines | ForEach-Object { [int](($_ -replace '^[\d,]+ of ([\d,]+) .*$', '$1') -replace ',', '') })
                $piped[-1] | Should -BeGreaterThan 50
                ($piped | Sort-Object) -join ',' | Should -Be ($piped -join ',')
                $records[-1].RecordType | Should -Be 'Completed'
                $written | Should -BeGreaterThan 0
            }
            finally {
                $watched.Shell.Dispose()
            }
        }
    }

    It 'writes the request lines while a long read runs, not all at the end' {
        $watched = Start-Watched -Connect -Script {
            param($ManifestPath, $Emulator)
            Get-KoreMessage -From (Get-Date).AddDays(-30) -PageSize 5 -Verbose | ForEach-Object { Start-Sleep -Milliseconds 50; $_ } | Select-Object -First 40
        }
        try {
            Wait-Until { $watched.Shell.Streams.Verbose.Count -ge 2 } | Should -BeTrue
            $watched.Invocation.IsCompleted | Should -BeFalse
            $null = $watched.Shell.EndInvoke($watched.Invocation)
        }
        finally {
            $watched.Shell.Dispose()
        }
    }
}

Describe '2. Times are PowerShell dates' {
    It '$m.Time - (Get-Date) is a TimeSpan, and so is the reverse' {
        ($message.Time - (Get-Date)) | Should -BeOfType ([timespan])
        ((Get-Date) - $message.Time) | Should -BeOfType ([timespan])
        $message.Time.Kind | Should -Be 'Utc'
        ([datetime]::UtcNow - $message.Time).TotalDays | Should -BeLessThan 32
    }

    It 'formats with ToString(format), -f and Get-Date -Format' {
        $message.Time.ToString('yyyy-MM-dd') | Should -Match '^\d{4}-\d{2}-\d{2}$'
        '{0:yyyy-MM-dd HH:mm}' -f $message.Time | Should -Match '^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$'
        Get-Date -Date $message.Time -Format 'yyyy-MM-dd HH:mm:ss.fff' | Should -Be $message.Time.ToString('yyyy-MM-dd HH:mm:ss.fff')
    }

    It 'compares and sorts with dates' {
        $message.Time -lt [datetime]::UtcNow | Should -BeTrue
        [datetime]::UtcNow -gt $message.Time | Should -BeTrue
        @($sessions | Where-Object StartTime -GE ([datetime]::UtcNow.AddDays(-7))).Count | Should -BeLessThan $sessions.Count
        $sorted = @($sessions | Sort-Object StartTime)
        $sorted[0].StartTime | Should -BeLessOrEqual $sorted[-1].StartTime
        ($session.EndTime - $session.StartTime) | Should -BeOfType ([timespan])
    }

    It '$s.StartTime alone prints as a date, not a table' {
        $shown = ($session.StartTime | Out-String).Trim()
        @($shown -split "`n" | Where-Object { $_.Trim() }) | Should -HaveCount 1
        $shown | Should -Not -Match 'UtcDateTime'
        [datetime]::Parse($shown) | Should -BeOfType ([datetime])
    }

    It 'binds to date parameters as it is: a session''s StartTime works as -From' {
        @(Get-KoreSession -From $session.StartTime -To $session.StartTime.AddMilliseconds(1)).SessionId | Should -Contain $session.SessionId
    }

    It 'ConvertTo-Json writes ISO 8601 UTC with milliseconds' {
        $written = ($message | ConvertTo-Json | ConvertFrom-Json -DateKind String).Time
        $written | Should -Match '^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,7})?Z$'
        [datetime]::Parse($written, [cultureinfo]::InvariantCulture, 'RoundtripKind') | Should -Be $message.Time
        ($session | ConvertTo-Json | ConvertFrom-Json -DateKind String).StartTime | Should -BeLike '*Z'

    }

    It 'Export-Csv writes the UTC time, and the ISO recipe keeps milliseconds and the Z in every row' {
        $plain = Join-Path $TestDrive 'plain.csv'
        $conversation | Export-Csv -Path $plain -NoTypeInformation
        $row = (Import-Csv -Path $plain)[0]
        ($message.Time - [datetime]::Parse($row.Time, [cultureinfo]::CurrentCulture)).Duration() | Should -BeLessThan ([timespan]::FromSeconds(1))

        $isoFile = Join-Path $TestDrive 'iso.csv'
        Get-KoreMessage -SessionId $session.SessionId |
            Select-Object -Property @{ Name = 'Time'; Expression = { $_.Time.ToString('o') } }, * -ExcludeProperty Time |
            Export-Csv -Path $isoFile -NoTypeInformation
        $rows = @(Import-Csv -Path $isoFile)
        $rows | Should -HaveCount $conversation.Count
        $rows.Time | Should -Match $iso
        [datetime]::Parse($rows[0].Time, [cultureinfo]::InvariantCulture, 'RoundtripKind') | Should -Be $message.Time
    }
}

Describe '3. ConvertTo-Json writes values' {
    It 'gives a message with no .NET internals and no truncation warning, at the default depth and -Depth 5' -ForEach @(@{ Depth = $null }, @{ Depth = 5 }) {
        $json = if ($Depth) { $message | ConvertTo-Json -Depth $Depth -WarningVariable warned } else { $message | ConvertTo-Json -WarningVariable warned }
        $warned | Should -BeNullOrEmpty
        $json | Should -Not -Match 'Utf8|"Length"|IsEmpty|"Span"|UtcDateTime'
        $parsed = $json | ConvertFrom-Json
        $parsed.MessageId | Should -Be $message.MessageId
        $parsed.Text | Should -Be $message.Text
        $parsed.Components[0].ContentType | Should -Not -BeNullOrEmpty
        $parsed.PSObject.Properties.Name | Should -Not -Contain 'Raw'
    }

    It 'gives a session with no truncation warning' {
        $json = $session | ConvertTo-Json -WarningVariable warned
        $warned | Should -BeNullOrEmpty
        ($json | ConvertFrom-Json).SessionId | Should -Be $session.SessionId
    }

    It 'keeps the API''s own JSON available with GetRawJson()' {
        $raw = $message.GetRawJson() | ConvertFrom-Json
        $raw._id | Should -Be $message.MessageId
        ($session.GetRawJson() | ConvertFrom-Json).sessionId | Should -Be $session.SessionId
        $lines = @(Get-KoreMessage -SessionId $session.SessionId | ForEach-Object GetRawJson)
        $lines | Should -HaveCount $conversation.Count
        ($lines | ForEach-Object { ($_ | ConvertFrom-Json)._id }) | Should -Be $conversation.MessageId
    }

    It 'leaves the raw JSON out of every CSV row' {
        $path = Join-Path $TestDrive 'no-raw.csv'
        $conversation | Export-Csv -Path $path -NoTypeInformation
        (Get-Content -Path $path -TotalCount 1) | Should -Not -Match 'Raw'
        (Get-Content -Path $path -Raw) | Should -Not -Match '_id'
    }
}

Describe '4. Pipeline by value' {
    BeforeAll {
        $chosen = @($sessions | Where-Object MessageCount -GT 0 | Select-Object -First 3)
        $idsFile = Join-Path $TestDrive 'ids.txt'
        $chosen.SessionId | Set-Content -Path $idsFile
    }

    It 'Get-Content ids.txt | Get-KoreMessage reads those conversations' {
        $messages = @(Get-Content -Path $idsFile | Get-KoreMessage -Verbose 4> (Join-Path $TestDrive 'by-value.txt'))
        $messages.Count | Should -Be ($chosen | Measure-Object -Property MessageCount -Sum).Sum
        @($messages.SessionId | Sort-Object -Unique) | Should -Be @($chosen.SessionId | Sort-Object)
        # One look-up of the three ids and one read per channel they ran on (a batch sends its channel), not one per line.
        $channels = @($chosen.Channel | Sort-Object -Unique).Count
        @(Get-Content -Path (Join-Path $TestDrive 'by-value.txt') | Where-Object { $_ -match '^POST ' }).Count | Should -BeLessOrEqual (1 + $channels)
    }

    It 'Get-Content ids.txt | Get-KoreSession reads those sessions in one request' {
        $read = @(Get-Content -Path $idsFile | Get-KoreSession -Verbose 4> (Join-Path $TestDrive 'sessions-by-value.txt'))
        @($read.SessionId | Sort-Object) | Should -Be @($chosen.SessionId | Sort-Object)
        @(Get-Content -Path (Join-Path $TestDrive 'sessions-by-value.txt') | Where-Object { $_ -match '^POST ' }) | Should -HaveCount 1
    }

    It 'Get-KoreSession -SessionId takes objects with a SessionId from the pipeline, once each' {
        $rows = $chosen | Select-Object SessionId, UserId
        @($rows | Get-KoreSession).SessionId | Sort-Object | Should -Be @($chosen.SessionId | Sort-Object)
        @($conversation | Get-KoreSession).SessionId | Should -Be @($session.SessionId)
    }

    It 'a piped string is a message id when -Direction selects that set' {
        $anchor = $conversation[1]
        $around = @($anchor.MessageId | Get-KoreMessage -Direction Forward)
        $around.MessageId | Should -Contain $conversation[2].MessageId
        $around | Where-Object { $_.Time -lt $anchor.Time } | Should -BeNullOrEmpty
    }

    It 'an object with only a UserId still reads that user''s messages' {
        $byUser = @([pscustomobject]@{ UserId = $session.UserId } | Get-KoreMessage -From $from -ErrorVariable failed -ErrorAction SilentlyContinue)
        $failed | Should -BeNullOrEmpty
        $byUser.MessageId | Should -Contain $message.MessageId
        $byUser | Where-Object UserId -NE $session.UserId | Should -BeNullOrEmpty
    }

    It 'an object with neither a SessionId nor a UserId is refused, not read as everything' {
        $none = @([pscustomobject]@{ Name = 'x' } | Get-KoreMessage -ErrorVariable failed -ErrorAction SilentlyContinue)
        $none | Should -BeNullOrEmpty
        $failed[0].FullyQualifiedErrorId | Should -BeLike 'KoreInputNotBound,*'
    }
}

Describe '5. Connect-KoreBot checks and says whom it connected to' {
    AfterAll {
        Connect-Emulator
    }

    It 'refuses a wrong secret at once, clearly, and keeps the previous connection' {
        Connect-Emulator
        $wrong = ConvertTo-SecureString -String ('wrong-' + [guid]::NewGuid().ToString('n')) -AsPlainText -Force
        $caught = $null
        try {
            Connect-KoreBot -BotId $emulator.BotId -ClientId $emulator.ClientId -ClientSecret $wrong -BaseUri $emulator.BaseUri @pacing
        }
        catch {
            $caught = $_
        }
        $caught.FullyQualifiedErrorId | Should -BeLike 'KoreAuthenticationFailed,*'
        $caught.CategoryInfo.Category | Should -Be 'AuthenticationError'
        "$caught" | Should -BeLike "Connect-KoreBot could not connect to bot $($emulator.BotId) at *as app $($emulator.ClientId)*"
        (Get-KoreConnection).ClientId | Should -Be $emulator.ClientId
    }

    It 'sends one request to check, and says whom it connected to' {
        $said = Connect-KoreBot -BotId $emulator.BotId -ClientId $emulator.ClientId -ClientSecret $clientSecret -BaseUri $emulator.BaseUri @pacing -Verbose 6>&1 4>&1
        @($said | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] -and $_.Message -match '^POST .*/getSessions' }) | Should -HaveCount 1
        $information = @($said | Where-Object { $_ -is [System.Management.Automation.InformationRecord] })
        $information | Should -HaveCount 1
        "$($information[0].MessageData)" | Should -Be "Connected to bot $($emulator.BotId) at $($emulator.BaseUri.GetLeftPart('Authority')) as app $($emulator.ClientId); credentials checked."
    }

    It 'says nothing with -Quiet, and returns only the connection with -PassThru' {
        @(Connect-KoreBot -BotId $emulator.BotId -ClientId $emulator.ClientId -ClientSecret $clientSecret -BaseUri $emulator.BaseUri @pacing -Quiet 6>&1) |
            Should -BeNullOrEmpty
        $returned = @(Connect-KoreBot -BotId $emulator.BotId -ClientId $emulator.ClientId -ClientSecret $clientSecret -BaseUri $emulator.BaseUri @pacing -PassThru 6>&1)
        $returned | Should -HaveCount 1
        $returned[0].GetType().FullName | Should -Be 'KoreHistory.Client.KoreConnection'
    }

    It 'connects offline with -SkipCredentialCheck, sending nothing' {
        $closed = [System.Net.Sockets.TcpListener]::new([System.Net.IPAddress]::Loopback, 0)
        $closed.Start()
        $port = $closed.LocalEndpoint.Port
        $closed.Stop()
        $lines = @(Connect-KoreBot -BotId st-offline -ClientId cs-offline -ClientSecret $clientSecret -BaseUri "http://127.0.0.1:$port" -SkipCredentialCheck -Verbose 4>&1 6>&1)
        (Get-KoreConnection).BotId | Should -Be 'st-offline'
        @($lines | Where-Object { "$_" -match '^POST ' }) | Should -BeNullOrEmpty
        ($lines | Where-Object { $_ -is [System.Management.Automation.InformationRecord] }).MessageData | Should -BeLike '*credentials not checked*'
    }
}

Describe '6. Views' {
    It 'the session table fits 120 columns, one line a session, user ids whole' {
        $shown = Get-KoreSession -First 5 | Out-String -Width 120
        $lines = @($shown -split "`r?`n" | Where-Object { $_.Trim() })
        $lines | ForEach-Object { $_.Length | Should -BeLessOrEqual 120 }
        $lines | Should -HaveCount 7    # header, rule, five sessions
        $shown | Should -Match ([regex]::Escape($sessions[0].UserId))
    }

    It 'the message table fits 120 columns, one line a message, user ids whole' {
        $shown = $conversation | Out-String -Width 120
        $lines = @($shown -split "`r?`n" | Where-Object { $_.Trim() })
        $lines | ForEach-Object { $_.Length | Should -BeLessOrEqual 120 }
        $lines | Should -HaveCount ($conversation.Count + 2)
        $shown | Should -Match ([regex]::Escape($session.UserId))
    }

    It 'a conversation reads oldest first in the table, newest first with -NewestFirst' {
        $times = @($conversation.Time)
        $times | Should -Be @($times | Sort-Object)
        $newest = @(Get-KoreMessage -SessionId $session.SessionId -NewestFirst)
        $newest.MessageId | Should -Be @($conversation[($conversation.Count - 1)..0].MessageId)
        { Get-KoreMessage -SessionId $session.SessionId -OldestFirst -NewestFirst } | Should -Throw -ErrorId 'KoreOrderConflict,*'
    }

    It '-IncludeTotalCount -First 20 after another table shows readable fields, never raw JSON' {
        # One script's output goes through one formatter: after a session table, messages are listed.
        $shown = & { Get-KoreSession -First 1; Get-KoreMessage -SessionId $session.SessionId -IncludeTotalCount -First 20 } | Out-String -Width 120
        $shown | Should -Match 'Text\s+: '
        $shown | Should -Not -Match '"_id"|Raw|Utf8'
        $shown.Length | Should -BeLessThan 20000
    }

    It 'Format-List shows the readable fields of the list view' {
        $shown = $message | Format-List | Out-String -Width 120
        $shown | Should -Match 'Time \(UTC\) +: \d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}\.\d{3}Z'
        $shown | Should -Match 'Text +: '
        $shown | Should -Not -Match 'Raw|"_id"'
    }
}

Describe '7a. Enum values in the API''s spelling' {
    It 'Get-KoreSession -SessionType non-interactive reads the non-interactive sessions' {
        $expected = @($sessions | Where-Object SessionType -EQ 'non-interactive')
        $read = @(Get-KoreSession -SessionType non-interactive -From $from)
        $read.Count | Should -Be $expected.Count
        $read | Where-Object SessionType -NE 'non-interactive' | Should -BeNullOrEmpty
    }

    It 'takes a value as the output shows it: -ContainmentType $s.ContainmentType (<_>)' -ForEach @('dropOff', 'selfService', 'agent') {
        $read = @(Get-KoreSession -ContainmentType $_ -From $from)
        $read.Count | Should -Be @($sessions | Where-Object ContainmentType -EQ $_).Count
    }

    It 'takes the .NET names too, and -TagMatch or' {
        @(Get-KoreSession -SessionType NonInteractive -From $from).Count | Should -Be @($sessions | Where-Object SessionType -EQ 'non-interactive').Count
        $either = @(Get-KoreSession -SessionTag @{ campaign = 'spring', 'summer' } -TagMatch or -From $from)
        $either.Count | Should -Be @($sessions | Where-Object { $_.SessionTags['campaign'] }).Count
    }

    # PowerShell completes an enum parameter with the enum's names (it calls no completer for one); the API's spellings bind.
    It 'completes the values: <Text>' -ForEach @(
        @{ Text = 'Get-KoreSession -SessionType '; Expected = 'Interactive', 'NonInteractive' }
        @{ Text = 'Get-KoreSession -SessionType non'; Expected = 'NonInteractive' }
        @{ Text = 'Get-KoreSession -ContainmentType '; Expected = 'DropOff', 'SelfService', 'Agent' }
        @{ Text = 'Get-KoreMessage -TagMatch '; Expected = 'All', 'Any' }
    ) {
        $completion = TabExpansion2 -inputScript $Text -cursorColumn $Text.Length
        foreach ($value in $Expected) {
            $completion.CompletionMatches.CompletionText | Should -Contain $value
        }
    }

    It 'still refuses an unknown value, listing the valid ones' {
        { Get-KoreSession -SessionType half-interactive } | Should -Throw -ExpectedMessage '*NonInteractive*'
    }
}

Describe '8. Scheduled use' {
    BeforeAll {
        $readme = Get-Content -Path (Join-Path $repositoryRoot 'README.md') -Raw

        # The code of a help example, by title.
        function Get-ExampleCode {
            param([string] $Command, [string] $TitleLike)
            $example = (Get-Help -Name $Command -Examples).examples.example | Where-Object { $_.title -like "*$TitleLike*" }
            $example | Should -HaveCount 1
            [string]$example.code
        }

        # Runs a script in a fresh pwsh where the module is found by name (as after Install-PSResource), with the
        # emulator's address and credentials in the environment, as a scheduled task has them.
        function Invoke-AsScheduledTask {
            param([string] $ScriptPath, [string] $Secret = $emulator.ClientSecret)
            $variables = @{
                KORE_BASE_URI      = $emulator.BaseUri.ToString()
                KORE_BOT_ID        = $emulator.BotId
                KORE_CLIENT_ID     = $emulator.ClientId
                KORE_CLIENT_SECRET = $Secret
                PSModulePath       = (Split-Path -Parent (Split-Path -Parent $manifestPath)) + [IO.Path]::PathSeparator + $env:PSModulePath
            }
            $saved = @{}
            try {
                foreach ($name in $variables.Keys) {
                    $saved[$name] = [Environment]::GetEnvironmentVariable($name)
                    [Environment]::SetEnvironmentVariable($name, $variables[$name])
                }
                $output = Invoke-ChildPwsh -NoProfile -NonInteractive -File $ScriptPath 2>&1
                [pscustomobject]@{ ExitCode = $LASTEXITCODE; Output = ($output -join "`n") }
            }
            finally {
                foreach ($name in $variables.Keys) {
                    [Environment]::SetEnvironmentVariable($name, $saved[$name])
                }
            }
        }
    }

    It 'the README''s examples run as written, without an error or a warning, and find something' {
        $block = [regex]::Match($readme, '(?s)## Examples.*?```powershell\r?\n(.*?)```').Groups[1].Value
        $block | Should -Not -BeNullOrEmpty
        $block | Should -Not -Match '…|<[a-z ]+>'    # no placeholder to fill in
        Push-Location $TestDrive
        try {
            $output = @(& ([scriptblock]::Create($block)) 2>&1 3>&1)
        }
        finally {
            Pop-Location
        }
        $output | Where-Object { $_ -is [System.Management.Automation.ErrorRecord] } | Should -BeNullOrEmpty
        $output | Where-Object { $_ -is [System.Management.Automation.WarningRecord] } | Should -BeNullOrEmpty
        $output.Count | Should -BeGreaterThan 10
        (Import-Csv -Path (Join-Path $TestDrive 'conversation.csv')).Count | Should -BeGreaterThan 0
        (Import-Csv -Path (Join-Path $TestDrive 'month.csv')).Count | Should -BeGreaterThan 100
    }

    It 'the README imports the module by path after its build, and by name after installing it' {
        $readme | Should -Match 'Import-Module \./out/KoreHistory/KoreHistory\.psd1'
        $readme | Should -Match 'Install-PSResource[^\n]*KoreHistory'
    }

    It 'the help examples of <_> run as written, without an error or a warning' -ForEach @('Get-KoreSession', 'Get-KoreMessage') {
        $examples = @((Get-Help -Name $_ -Examples).examples.example | Where-Object { $_.code -notmatch 'Read-Host|Get-Credential|Register-ScheduledTask|Connect-KoreBot|Import-Module|-UseMessagesV2' })
        $examples.Count | Should -BeGreaterOrEqual 5
        Push-Location $TestDrive
        try {
            foreach ($example in $examples) {
                $output = @(& ([scriptblock]::Create($example.code)) 2>&1 3>&1)
                $output | Where-Object { $_ -is [System.Management.Automation.ErrorRecord] } | Should -BeNullOrEmpty -Because $example.title
                $output | Where-Object { $_ -is [System.Management.Automation.WarningRecord] } | Should -BeNullOrEmpty -Because $example.title
            }
        }
        finally {
            Pop-Location
        }
    }

    It 'the nightly export writes its file only on success and picks up where the last run ended' {
        # The nightly example is Export-KoreHistory's (issue 14): per-day files and a checkpoint in a folder.
        $folder = Join-Path $TestDrive 'nightly'
        $null = New-Item -ItemType Directory -Path $folder
        $script = Join-Path $folder 'nightly-kore-export.ps1'
        Set-Content -Path $script -Value (Get-ExampleCode -Command Export-KoreHistory -TitleLike 'nightly export')
        $checkpointPath = Join-Path $folder "kore-export/$($emulator.BotId)/checkpoint.json"
        $log = Join-Path $folder 'kore-export.log'

        # First run: from 30 days back to now minus the settle time.
        $first = Invoke-AsScheduledTask -ScriptPath $script
        $first.ExitCode | Should -Be 0 -Because $first.Output
        $checkpoint = Get-Content -LiteralPath $checkpointPath -Raw | ConvertFrom-Json -DateKind String
        $ids = @(Get-ChildItem -Path (Join-Path $folder "kore-export/$($emulator.BotId)/messages") -Filter '*.jsonl' |
                Get-Content | ConvertFrom-Json | ForEach-Object { $_._id })
        $expected = @(Get-KoreMessage -From ([datetime]::Parse($checkpoint.from, [cultureinfo]::InvariantCulture, 'RoundtripKind')) `
                -To ([datetime]::Parse($checkpoint.exportedThrough, [cultureinfo]::InvariantCulture, 'RoundtripKind')))
        $ids.Count | Should -BeGreaterThan 0
        ($ids | Sort-Object) | Should -Be ($expected.MessageId | Sort-Object)
        $summary = Get-Content -LiteralPath $log | ConvertFrom-Json
        $summary.StopReason | Should -Be 'Completed'

        # A failed run (the secret was rotated): the task fails, the checkpoint and the files stay as they were.
        $before = Get-Content -LiteralPath $checkpointPath -Raw
        $failed = Invoke-AsScheduledTask -ScriptPath $script -Secret ('rotated-' + [guid]::NewGuid().ToString('n'))
        $failed.ExitCode | Should -Not -Be 0
        $failed.Output | Should -Match 'KoreAuthenticationFailed|could not connect'
        Get-Content -LiteralPath $checkpointPath -Raw | Should -Be $before

        # The next run starts where the first one ended: no gap, no message twice.
        Start-Sleep -Milliseconds 1100
        $second = Invoke-AsScheduledTask -ScriptPath $script
        $second.ExitCode | Should -Be 0 -Because $second.Output
        $summaries = @(Get-Content -LiteralPath $log | ConvertFrom-Json)
        $summaries | Should -HaveCount 2
        $summaries[1].From | Should -Be $summaries[0].ExportedThrough
        $again = @(Get-ChildItem -Path (Join-Path $folder "kore-export/$($emulator.BotId)/messages") -Filter '*.jsonl' |
                Get-Content | ConvertFrom-Json | ForEach-Object { $_._id })
        $again | Group-Object | Where-Object Count -gt 1 | Should -BeNullOrEmpty
    }
}

Describe '10. Smaller things' {
    It 'Remove-Module and Import-Module forget the connection' {
        $shell = [powershell]::Create()
        try {
            $null = $shell.AddScript($connectInRunspace).AddParameter('ManifestPath', $manifestPath).AddParameter('Emulator', $emulator).AddStatement()
            $null = $shell.AddScript({
                    param($ManifestPath)
                    $before = [bool](Get-KoreConnection)
                    Remove-Module KoreHistory
                    Import-Module $ManifestPath
                    [pscustomobject]@{ Before = $before; After = [bool](Get-KoreConnection) }
                    try {
                        Get-KoreSession -First 1 -ErrorAction Stop
                    }
                    catch {
                        $_.FullyQualifiedErrorId
                    }
                }).AddParameter('ManifestPath', $manifestPath)
            $result = $shell.Invoke()
            $result[0].Before | Should -BeTrue
            $result[0].After | Should -BeFalse
            $result[1] | Should -BeLike 'KoreNotConnected,*'
        }
        finally {
            $shell.Dispose()
        }
    }

    It 'ships an MIT LICENSE that the manifest links' {
        $license = Join-Path $repositoryRoot 'LICENSE'
        Get-Content -Path $license -Raw | Should -Match '(?s)^MIT License.*KoreHistory contributors'
        Test-Path -LiteralPath (Join-Path (Split-Path -Parent $manifestPath) 'LICENSE') | Should -BeTrue
        (Import-PowerShellDataFile -Path $manifestPath).PrivateData.PSData.LicenseUri | Should -BeLike '*/LICENSE'
    }

    It 'has an about_KoreHistory topic' {
        $topic = Get-Help -Name about_KoreHistory | Out-String
        $topic | Should -Match 'about_KoreHistory'
        $topic | Should -Match 'GetRawJson'
    }

    It 'Get-Help <_> -Online opens the project''s own page, not Kore''s API pages' -ForEach @('Connect-KoreBot', 'Disconnect-KoreBot', 'Get-KoreConnection', 'Get-KoreSession', 'Get-KoreMessage') {
        # Get-Help -Online opens the command's HelpUri, which PowerShell takes from the help's first link.
        $page = "https://github.com/KoreHistory/KoreHistory/blob/main/src/KoreHistory/help/$_.md"
        (Get-Command -Name $_).HelpUri | Should -Be $page
        @((Get-Help -Name $_ -Full).relatedLinks.navigationLink | Where-Object { $_.uri })[0].uri | Should -Be $page
    }

    It 'the -BotId help says what an admin connection does without it, and it does' {
        foreach ($command in 'Get-KoreSession', 'Get-KoreMessage') {
            $text = (Get-Help -Name $command -Parameter BotId).description.Text -join ' '
            $text | Should -Not -Match 'Required'
            $text | Should -Match 'every bot'
        }
        $adminSecret = ConvertTo-SecureString -String $emulator.AdminClientSecret -AsPlainText -Force
        $admin = Connect-KoreBot -AdminConsole -ClientId $emulator.AdminClientId -ClientSecret $adminSecret -BaseUri $emulator.BaseUri @pacing -PassThru
        try {
            $bots = @(Get-KoreSession -Connection $admin -From $from | Select-Object -ExpandProperty BotId -Unique)
            $bots.Count | Should -BeGreaterThan 1
            $bots | Should -Contain $emulator.BotId
        }
        finally {
            $admin.Dispose()
        }
    }
}
