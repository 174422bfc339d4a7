# Issue 11 as a user types it, against the emulator's realistic history and two platform variants: every session's
# messages are all the messages with its id (the truth here is a read of the whole history by date, grouped by session),
# typed or piped, with or without -From/-To; nothing of another session is written; unknown ids are ObjectNotFound
# errors; a voice bot's words are readable; -ChannelType takes several channels.

BeforeAll {
    . (Join-Path $PSScriptRoot 'TestSetup.ps1') -EmulatorArguments '--sessions', '200', '--days', '20', '--seed', '5'

    # Every message of an emulator's history, read by date (not by session), grouped by session id.
    function Get-Truth {
        param([object] $Connection, [string[]] $ChannelType)
        $truth = @{}
        $channels = if ($ChannelType) { @{ ChannelType = $ChannelType } } else { @{} }
        Get-KoreMessage -Connection $Connection -From (Get-Date).AddDays(-22) -To (Get-Date).AddMinutes(5) @channels | ForEach-Object {
            if (-not $truth.ContainsKey($_.SessionId)) {
                $truth[$_.SessionId] = [System.Collections.Generic.List[string]]::new()
            }
            $truth[$_.SessionId].Add($_.MessageId)
        }
        $truth
    }

    function Get-SortedIds {
        param([object[]] $Messages)
        @($Messages | ForEach-Object MessageId | Sort-Object)
    }

    # An id shaped like a session id, with a plausible time, that no session has.
    function Get-UnknownId {
        param([string] $Near)
        $Near.Substring(0, 8) + '0123456789abcdef'
    }

    $main = Connect-Emulator -PassThru
    $truth = Get-Truth -Connection $main
    $sessions = @(Get-KoreSession -From (Get-Date).AddDays(-21) -To (Get-Date).AddMinutes(5))
    $zeroLength = @($sessions | Where-Object { $_.EndTime -and $_.EndTime -eq $_.StartTime -and $_.MessageCount -gt 1 })
}

AfterAll {
    Complete-TestSetup
}

Describe 'Reading a session by its id, on a realistic tenant' {
    BeforeAll {
        $bySpan = @($sessions | Where-Object { $_.EndTime } | Select-Object -First 60)
        # Sessions with a message outside their start_time–end_time, found by comparing the truth with each span.
        $outside = @(foreach ($session in $bySpan) {
                $messages = @(Get-KoreMessage -SessionId $session.SessionId -From $session.StartTime -To $session.EndTime.AddMilliseconds(1))
                if ($messages.Count -lt $truth[$session.SessionId].Count) { $session }
            })
    }

    It 'finds sessions whose messages lie outside their span in the emulator''s history' {
        $zeroLength.Count | Should -BeGreaterThan 0
        $outside.Count | Should -BeGreaterThan 0
    }

    It 'Get-KoreMessage -SessionId returns every message with that id, even outside the session''s span' {
        foreach ($session in @($zeroLength | Select-Object -First 3) + @($outside | Select-Object -First 5)) {
            $messages = @(Get-KoreMessage -SessionId $session.SessionId)
            Get-SortedIds $messages | Should -Be @($truth[$session.SessionId] | Sort-Object) -Because "session $($session.SessionId)"
            $messages | Where-Object SessionId -NE $session.SessionId | Should -BeNullOrEmpty
        }
    }

    It 'returns a whole conversation for a session whose EndTime equals its StartTime' {
        $session = $zeroLength[0]
        $messages = @(Get-KoreMessage -SessionId $session.SessionId -OldestFirst)
        $messages.Count | Should -Be $session.MessageCount
        $messages[0].Time | Should -BeLessThan $session.StartTime
        $messages[-1].Time | Should -BeGreaterThan $session.EndTime
    }

    It 'with -From and -To returns that session''s messages in the range, and no other session''s' {
        $session = $outside[0]
        $from = $session.StartTime.AddDays(-1)
        $to = $session.StartTime.AddDays(1)
        $messages = @(Get-KoreMessage -SessionId $session.SessionId -From $from -To $to)
        Get-SortedIds $messages | Should -Be @($truth[$session.SessionId] | Sort-Object)
        $messages | Where-Object SessionId -NE $session.SessionId | Should -BeNullOrEmpty
    }

    It 'piped from Get-KoreSession, every session''s messages are all its messages' {
        $from = (Get-Date).AddDays(-8)
        $to = (Get-Date).AddDays(-2)
        $piped = @(Get-KoreSession -From $from -To $to)
        $messages = @(Get-KoreSession -From $from -To $to | Get-KoreMessage)
        $expected = @($piped | ForEach-Object { $truth[$_.SessionId] } | Where-Object { $_ } | Sort-Object)
        Get-SortedIds $messages | Should -Be $expected
        $messages | Where-Object { $_.SessionId -notin $piped.SessionId } | Should -BeNullOrEmpty
    }

    It 'piped with -From and -To on Get-KoreMessage, every session''s messages in the range' {
        $from = (Get-Date).AddDays(-7)
        $to = (Get-Date).AddDays(-3)
        $piped = @(Get-KoreSession -From (Get-Date).AddDays(-8) -To (Get-Date).AddDays(-2))
        $messages = @($piped | Get-KoreMessage -From $from -To $to)
        $all = @($piped | ForEach-Object { $truth[$_.SessionId] } | Where-Object { $_ })
        $inRange = @($piped | Get-KoreMessage | Where-Object { $_.Time -ge $from.ToUniversalTime() -and $_.Time -lt $to.ToUniversalTime() })
        Get-SortedIds $messages | Should -Be (Get-SortedIds $inRange)
        $messages.Count | Should -BeLessThan $all.Count
    }
}

Describe 'Ids the API does not know' {
    It 'Get-KoreMessage -SessionId writes an ObjectNotFound error naming each unknown id and reads the others' {
        $known = $sessions[5].SessionId
        $unknown = Get-UnknownId $known
        $messages = @(Get-KoreMessage -SessionId $known, $unknown -ErrorVariable failures -ErrorAction SilentlyContinue)
        $? | Should -BeFalse
        Get-SortedIds $messages | Should -Be @($truth[$known] | Sort-Object)
        $failures | Should -HaveCount 1
        $failures[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
        $failures[0].FullyQualifiedErrorId | Should -BeLike 'KoreSessionNotFound,*'
        $failures[0].TargetObject | Should -Be $unknown
        $failures[0].Exception.Message | Should -BeLike "*'$unknown'*"
    }

    It 'Get-KoreMessage -SessionId with -From and -To reports an unknown id too' {
        $unknown = Get-UnknownId $sessions[-3].SessionId
        $messages = @(Get-KoreMessage -SessionId $unknown -From (Get-Date).AddDays(-6) -To (Get-Date) -ErrorVariable failures -ErrorAction SilentlyContinue)
        $messages | Should -BeNullOrEmpty
        $failures[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
    }

    It 'Get-KoreMessage -MessageId ms-doesnotexist writes an ObjectNotFound error and $? is false' {
        $messages = @(Get-KoreMessage -MessageId ms-doesnotexist -ErrorVariable failures -ErrorAction SilentlyContinue)
        $? | Should -BeFalse
        $messages | Should -BeNullOrEmpty
        $failures[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
        $failures[0].FullyQualifiedErrorId | Should -BeLike 'KoreMessageNotFound,*'
        $failures[0].TargetObject | Should -Be 'ms-doesnotexist'
    }

    It 'Get-KoreSession -SessionId writes an ObjectNotFound error for an unknown id, and -ErrorAction Stop stops on it' {
        $unknown = Get-UnknownId $sessions[0].SessionId
        $found = @(Get-KoreSession -SessionId $sessions[0].SessionId, $unknown -ErrorVariable failures -ErrorAction SilentlyContinue)
        $found.SessionId | Should -Be @($sessions[0].SessionId)
        $failures[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
        { Get-KoreSession -SessionId $unknown -ErrorAction Stop } | Should -Throw -ErrorId 'KoreSessionNotFound,*'
    }
}

Describe 'Voice-gateway and channels' {
    It 'reads a korevg bot''s JSON commands as what the bot said, keeping the JSON in Components' {
        $voice = @($sessions | Where-Object Channel -EQ 'korevg' | Select-Object -First 3)
        $said = @($voice | Get-KoreMessage | Where-Object { $_.Components[0].Data -like '{"type":"command"*' })
        $said.Count | Should -BeGreaterThan 0
        $said | Where-Object { $_.Text -like '*{*' -or $_.Text -eq '[command]' } | Should -BeNullOrEmpty
        $said.Text | Should -Contain 'Hello! How can I help you today?'
    }

    It 'takes several channels with -ChannelType and returns only those' {
        $from = (Get-Date).AddDays(-10)
        $to = (Get-Date)
        $messages = @(Get-KoreMessage -From $from -To $to -ChannelType rtm, korevg)
        $all = @(Get-KoreMessage -From $from -To $to)
        $all.Channel | Should -Contain 'korevg'
        @($messages.Channel | Sort-Object -Unique) | Should -Be @('korevg', 'rtm')
        Get-SortedIds $messages | Should -Be (Get-SortedIds ($all | Where-Object Channel -In 'rtm', 'korevg'))
    }

    It 'says in help which window a session is read in and what a read without a channel returns' {
        (Get-Help Get-KoreMessage -Parameter SessionId).Description.Text | Should -BeLike '*before the session''s start or after its end*'
        (Get-Help Get-KoreMessage -Parameter ChannelType).Description.Text | Should -BeLike '*Without it, no channel is sent*every channel*'
        (Get-Help Get-KoreMessage -Full | Out-String) | Should -BeLike '*an hour before its first session''s start*'
    }
}

Describe 'A platform before v10.1.3 (no sessionId filter on getSessions)' {
    BeforeAll {
        $legacyEmulator = Start-KoreEmulator -EmulatorPath $emulatorPath -ArgumentList '--sessions', '200', '--days', '20', '--seed', '5', '--no-session-id-filter', '--per-minute', '100000', '--per-hour', '1000000'
        $legacy = Connect-KoreBot -BotId $legacyEmulator.BotId -ClientId $legacyEmulator.ClientId -BaseUri $legacyEmulator.BaseUri @pacing -PassThru `
            -ClientSecret (ConvertTo-SecureString -String $legacyEmulator.ClientSecret -AsPlainText -Force)
        $legacyTruth = Get-Truth -Connection $legacy
        $legacySessions = @(Get-KoreSession -Connection $legacy -From (Get-Date).AddDays(-21) -To (Get-Date).AddMinutes(5))
        $old = $legacySessions | Where-Object { $_.StartTime -lt [datetime]::UtcNow.AddDays(-12) } | Select-Object -First 1
        $other = $legacySessions[1]
    }

    AfterAll {
        Stop-KoreEmulator -Emulator $legacyEmulator
    }

    It 'Get-KoreSession -SessionId writes that session only, and warns once' {
        $found = @(Get-KoreSession -SessionId $old.SessionId, $other.SessionId -Connection $legacy -WarningVariable warnings -WarningAction SilentlyContinue)
        @($found.SessionId | Sort-Object) | Should -Be @(@($old.SessionId, $other.SessionId) | Sort-Object)
        $warnings | Should -HaveCount 1
        $warnings[0] | Should -BeLike '*ignores the sessionId filter of getSessions*v10.1.3*'
    }

    It 'Get-KoreMessage -SessionId returns every message of that session and of no other' {
        $messages = @(Get-KoreMessage -SessionId $old.SessionId -Connection $legacy -WarningAction SilentlyContinue)
        Get-SortedIds $messages | Should -Be @($legacyTruth[$old.SessionId] | Sort-Object)
    }

    It 'Get-KoreMessage -SessionId with -From and -To needs no look-up' {
        $output = @(Get-KoreMessage -SessionId $old.SessionId -Connection $legacy -From $old.StartTime.AddDays(-1) -To $old.StartTime.AddDays(1) -Verbose -WarningVariable warnings 4>&1)
        $requests = @($output | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] })
        $requests | Where-Object Message -Like '*getSessions*' | Should -BeNullOrEmpty
        $requests | Where-Object Message -Like '*getMessages*' | Should -Not -BeNullOrEmpty
        Get-SortedIds ($output | Where-Object { $_ -isnot [System.Management.Automation.VerboseRecord] }) | Should -Be @($legacyTruth[$old.SessionId] | Sort-Object)
        $warnings | Should -BeNullOrEmpty
    }
}

Describe 'A platform whose getMessages defaults to rtm' {
    BeforeAll {
        $rtmEmulator = Start-KoreEmulator -EmulatorPath $emulatorPath -ArgumentList '--sessions', '200', '--days', '20', '--seed', '5', '--post-defaults-to-rtm', '--per-minute', '100000', '--per-hour', '1000000'
        $rtm = Connect-KoreBot -BotId $rtmEmulator.BotId -ClientId $rtmEmulator.ClientId -BaseUri $rtmEmulator.BaseUri @pacing -PassThru `
            -ClientSecret (ConvertTo-SecureString -String $rtmEmulator.ClientSecret -AsPlainText -Force)
        $rtmSessions = @(Get-KoreSession -Connection $rtm -From (Get-Date).AddDays(-21) -To (Get-Date).AddMinutes(5))
        # On this platform a read by date without a channel returns only rtm: the truth is read channel by channel
        # (ivr sessions left out: channelType ivr alone returns only the first webhook instance).
        $rtmTruth = Get-Truth -Connection $rtm -ChannelType @($rtmSessions.Channel | Where-Object { $_ -ne 'ivr' } | Sort-Object -Unique)
    }

    AfterAll {
        Stop-KoreEmulator -Emulator $rtmEmulator
    }

    It 'piped sessions of every channel bring all their messages, since each batch sends its channel' {
        $from = (Get-Date).AddDays(-8)
        $to = (Get-Date).AddDays(-2)
        $piped = @(Get-KoreSession -Connection $rtm -From $from -To $to | Where-Object Channel -NE 'ivr')
        $piped.Channel | Sort-Object -Unique | Should -Contain 'korevg'
        $messages = @($piped | Get-KoreMessage -Connection $rtm)
        Get-SortedIds $messages | Should -Be @($piped | ForEach-Object { $rtmTruth[$_.SessionId] } | Where-Object { $_ } | Sort-Object)
    }

    It 'a typed korevg session comes whole, with or without -From and -To' {
        $voice = $rtmSessions | Where-Object Channel -EQ 'korevg' | Select-Object -First 1
        Get-SortedIds @(Get-KoreMessage -Connection $rtm -SessionId $voice.SessionId) | Should -Be @($rtmTruth[$voice.SessionId] | Sort-Object)
        Get-SortedIds @(Get-KoreMessage -Connection $rtm -SessionId $voice.SessionId -From $voice.StartTime.AddHours(-2) -To $voice.StartTime.AddDays(1)) |
            Should -Be @($rtmTruth[$voice.SessionId] | Sort-Object)
    }
}
