# Issue 16 as the user types it: -First, -Skip and Select-Object -First cost only the requests a perfect client sends,
# counted from what each command shows with -Verbose (one "POST …" line per request), and write the same objects a full
# read writes at those places; once a command's -First is satisfied, the commands upstream of it stop, as Select-Object
# -First makes them stop, while the commands downstream complete. The same rules are checked by xunit, requests
# counted by the emulator, in tests/KoreHistory.Client.Tests/Economy.

BeforeAll {
    # About 8,000 messages a day: every -Skip and -First below lands in the day's one API window.
    . (Join-Path $PSScriptRoot 'TestSetup.ps1') -EmulatorArguments '--sessions', '3000', '--days', '3', '--messages-per-session', '8'
    Connect-Emulator

    # Runs a pipeline with -Verbose on its Kore commands; returns the requests they sent (their verbose request lines)
    # and the objects the pipeline wrote.
    function Measure-Pipeline {
        param([scriptblock] $ScriptBlock)
        $records = @(& $ScriptBlock 4>&1)
        $verbose = @($records | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] })
        [pscustomobject]@{
            Requests = @($verbose.Message | Where-Object { $_ -match '^POST ' })
            Objects  = @($records | Where-Object { $_ -isnot [System.Management.Automation.VerboseRecord] })
        }
    }

    $to = (Get-Date).ToUniversalTime()
    $from = $to.AddDays(-1)
    $day = @(Get-KoreMessage -From $from -To $to)
}

AfterAll { Complete-TestSetup }

Describe 'The requests a command sends' {
    It 'are two for -First 101: a page of 100, then one message' {
        $run = Measure-Pipeline { Get-KoreMessage -From $from -To $to -First 101 -Verbose }
        $run.Objects.MessageId | Should -Be $day[0..100].MessageId
        $run.Requests | Should -HaveCount 2
        $run.Requests[1] | Should -Match '"skip":100,"limit":1,'
    }

    It 'are two when Select-Object -First 150 stops the read' {
        $run = Measure-Pipeline { Get-KoreMessage -From $from -To $to -Verbose | Select-Object -First 150 }
        $run.Objects.MessageId | Should -Be $day[0..149].MessageId
        $run.Requests | Should -HaveCount 2
    }

    It 'are ten full pages for -First 1000' {
        $run = Measure-Pipeline { Get-KoreMessage -From $from -To $to -First 1000 -Verbose }
        $run.Objects.MessageId | Should -Be $day[0..999].MessageId
        $run.Requests | Should -HaveCount 10
        $run.Requests | ForEach-Object { $_ | Should -Match '"limit":100,' }
    }

    It 'is one for -Skip <skip> -First <first>: the server skips' -ForEach @(
        @{ Skip = 1000; First = 10 }
        @{ Skip = 5000; First = 100 }
    ) {
        $run = Measure-Pipeline { Get-KoreMessage -From $from -To $to -Skip $Skip -First $First -Verbose }
        $run.Objects.MessageId | Should -Be $day[$Skip..($Skip + $First - 1)].MessageId
        $run.Requests | Should -HaveCount 1
        $run.Requests[0] | Should -Match "`"skip`":$Skip,`"limit`":$First,"
    }

    It 'are one page of sessions and one of messages for Get-KoreSession | Get-KoreMessage -First 5' {
        $run = Measure-Pipeline { Get-KoreSession -From $to.AddDays(-3) -To $to -Verbose | Get-KoreMessage -First 5 -Verbose }
        $run.Objects | Should -HaveCount 5
        @($run.Requests | Where-Object { $_ -match 'getSessions' }) | Should -HaveCount 1
        @($run.Requests | Where-Object { $_ -match 'getMessages' }) | Should -HaveCount 1
    }

    It 'is one getMessages, without a look-up, for a session id with dates' {
        $session = Get-KoreSession -From $to.AddDays(-2) -To $to.AddDays(-1) -First 1
        $expected = @(Get-KoreMessage -SessionId $session.SessionId)
        $run = Measure-Pipeline { Get-KoreMessage -SessionId $session.SessionId -From $session.StartTime.AddHours(-1) -To $session.EndTime.AddHours(1) -Verbose }
        $run.Objects.MessageId | Should -Be $expected.MessageId
        $run.Requests | Should -HaveCount 1
        $run.Requests[0] | Should -Match 'getMessages'
    }
}

Describe 'A satisfied -First' {
    BeforeAll {
        $sessions = @(Get-KoreSession -From $to.AddDays(-3) -To $to -First 300)
    }

    It 'stops the commands upstream, as Select-Object -First does, and lets the commands downstream complete' {
        $state = @{ Produced = 0; Ended = $false }
        $upstream = {
            process { $state.Produced++; $_ }
            end { $state.Ended = $true }
        }
        $count = $sessions | & $upstream | Get-KoreMessage -First 5 | Measure-Object
        $count.Count | Should -Be 5
        $state.Produced | Should -BeLessThan $sessions.Count
        $state.Ended | Should -BeFalse
    }

    It 'writes to a variable and raises no error' {
        $Error.Clear()
        $messages = $sessions | Get-KoreMessage -First 5
        $? | Should -BeTrue
        $messages | Should -HaveCount 5
        $Error | Should -HaveCount 0
    }

    It 'stops the ids piped into Get-KoreSession' {
        $state = @{ Produced = 0 }
        $found = @($sessions.SessionId | ForEach-Object { $state.Produced++; $_ } | Get-KoreSession -First 2)
        $found | Should -HaveCount 2
        $state.Produced | Should -BeLessThan $sessions.Count
    }

    It 'lets Select-Object -First downstream stop the command in turn' {
        $run = Measure-Pipeline { Get-KoreSession -From $to.AddDays(-3) -To $to -Verbose | Get-KoreMessage -Verbose | Select-Object -First 3 }
        $run.Objects | Should -HaveCount 3
        @($run.Requests | Where-Object { $_ -match 'getSessions' }) | Should -HaveCount 1
        @($run.Requests | Where-Object { $_ -match 'getMessages' }) | Should -HaveCount 1
    }

    It 'still reads every piped session when -First is not satisfied' {
        $few = $sessions[0..9]
        $expected = @($few | ForEach-Object { Get-KoreMessage -SessionId $_.SessionId })
        $messages = @($few | Get-KoreMessage -First 100000)
        $messages | Should -HaveCount $expected.Count
        @($messages.MessageId | Sort-Object) | Should -Be @($expected.MessageId | Sort-Object)
    }
}
