# Issue 6 at the module level, end to end against the emulator: every bad input is refused with the exact error a
# user sees and without a request (no "POST /api/..." verbose line); a read whose retries run out ends the command;
# no secret or token reaches any stream. Run by ./build.ps1 Pester or Test; the same rules are checked by xunit in
# tests/KoreHistory.Client.Tests/Reliability.

BeforeDiscovery {
    # Name, a script block that runs the bad input, the FullyQualifiedErrorId and message it must fail with
    # (wildcards). Binding ids come from PowerShell (ParameterArgumentValidationError, or ...NullNotAllowed /
    # ...EmptyStringNotAllowed for mandatory parameters, hence the trailing wildcard); Kore* ids from the module.
    $badInputs = @(
        # Refused by parameter binding.
        @{ Name = 'message page size 0'; Run = { Get-KoreMessage -PageSize 0 -ErrorAction Stop }
            ErrorId = 'ParameterArgumentValidationError*'; Message = "*parameter 'PageSize'*" }
        @{ Name = 'message page size 10001'; Run = { Get-KoreMessage -PageSize 10001 -ErrorAction Stop }
            ErrorId = 'ParameterArgumentValidationError*'; Message = "*parameter 'PageSize'*10000*" }
        @{ Name = 'session page size 1001'; Run = { Get-KoreSession -PageSize 1001 -ErrorAction Stop }
            ErrorId = 'ParameterArgumentValidationError*'; Message = "*parameter 'PageSize'*1000*" }
        @{ Name = 'an empty session id'; Run = { Get-KoreMessage -SessionId '' -ErrorAction Stop }
            ErrorId = 'ParameterArgumentValidationError*'; Message = "*parameter 'SessionId'*" }
        @{ Name = 'an empty user id'; Run = { Get-KoreSession -UserId '' -ErrorAction Stop }
            ErrorId = 'ParameterArgumentValidationError*'; Message = "*parameter 'UserId'*" }
        @{ Name = 'an empty message id'; Run = { Get-KoreMessage -MessageId '' -ErrorAction Stop }
            ErrorId = 'ParameterArgumentValidationError*'; Message = "*parameter 'MessageId'*" }
        @{ Name = 'an empty bot id'; Run = { Get-KoreMessage -BotId '' -ErrorAction Stop }
            ErrorId = 'ParameterArgumentValidationError*'; Message = "*parameter 'BotId'*" }
        @{ Name = 'an unknown session type'; Run = { Get-KoreSession -SessionType Bogus -ErrorAction Stop }
            ErrorId = '*'; Message = "*parameter 'SessionType'*Interactive*NonInteractive*" }
        @{ Name = 'an unknown containment type'; Run = { Get-KoreSession -ContainmentType Bogus -ErrorAction Stop }
            ErrorId = '*'; Message = "*parameter 'ContainmentType'*DropOff*" }
        @{ Name = 'an unknown direction'; Run = { Get-KoreMessage -MessageId m1 -Direction Sideways -ErrorAction Stop }
            ErrorId = '*'; Message = "*parameter 'Direction'*Backward*" }
        @{ Name = 'an unknown region'; Run = { Connect-KoreBot -BotId st-x -ClientId cs-x -ClientSecret $clientSecret -Region Mars }
            ErrorId = '*'; Message = "*parameter 'Region'*" }
        @{ Name = 'a date that is no date'; Run = { Get-KoreMessage -From 'not a date' -ErrorAction Stop }
            ErrorId = '*'; Message = "*parameter 'From'*" }
        @{ Name = 'a window given with a message id'; Run = { Get-KoreMessage -MessageId m1 -From (Get-Date) -ErrorAction Stop }
            ErrorId = 'AmbiguousParameterSet,*'; Message = '*Parameter set cannot be resolved*' }
        @{ Name = 'session ids with a user id'; Run = { Get-KoreSession -SessionId s1 -UserId u1 -ErrorAction Stop }
            ErrorId = 'AmbiguousParameterSet,*'; Message = '*Parameter set cannot be resolved*' }
        @{ Name = 'no client secret'; Run = { Connect-KoreBot -BotId st-x -ClientId cs-x -ClientSecret $null }
            ErrorId = 'ParameterArgumentValidationError*'; Message = "*parameter 'ClientSecret'*" }
        @{ Name = 'no token'; Run = { Connect-KoreBot -BotId st-x -Token $null }
            ErrorId = 'ParameterArgumentValidationError*'; Message = "*parameter 'Token'*" }
        @{ Name = '0 requests a minute'; Run = { Connect-KoreBot -BotId st-x -ClientId cs-x -ClientSecret $clientSecret -RequestsPerMinute 0 }
            ErrorId = 'ParameterArgumentValidationError*'; Message = "*parameter 'RequestsPerMinute'*" }
        @{ Name = 'a null piped session id'; Run = { [pscustomobject]@{ SessionId = $null } | Get-KoreMessage -ErrorAction Stop }
            ErrorId = '*'; Message = '*' }

        # Refused by the engine before any request.
        @{ Name = 'message page size 101 without -UseMessagesV2'; Run = { Get-KoreMessage -PageSize 101 -ErrorAction Stop }
            ErrorId = 'KoreInvalidArgument,*'; Message = 'PageSize must be between 1 and 100 for getMessages; it was 101. Set UseMessagesV2*' }
        @{ Name = 'start after end'; Run = { Get-KoreSession -From ([datetime]'2026-05-02Z').ToUniversalTime() -To ([datetime]'2026-05-01Z').ToUniversalTime() -ErrorAction Stop }
            ErrorId = 'KoreInvalidArgument,*'; Message = 'From (2026-05-02T00:00:00.000Z) must be before To (2026-05-01T00:00:00.000Z).' }
        @{ Name = 'a huge range'; Run = { Get-KoreMessage -From ([datetime]::new(1900, 1, 1, 0, 0, 0, 0, [DateTimeKind]::Utc)) -To ([datetime]::new(2026, 1, 1, 0, 0, 0, 0, [DateTimeKind]::Utc)) -ErrorAction Stop }
            ErrorId = 'KoreInvalidArgument,*'; Message = 'The range from 1900-01-01T00:00:00.000Z to 2026-01-01T00:00:00.000Z spans 46021 days; one read may span at most 3653 days (10 years)*' }
        @{ Name = 'a whitespace session id'; Run = { Get-KoreMessage -SessionId ' ' -ErrorAction Stop }
            ErrorId = 'KoreInvalidArgument,*'; Message = 'SessionIds must not be empty.' }
        @{ Name = 'a malformed user id'; Run = { Get-KoreMessage -UserId 'a b' -ErrorAction Stop }
            ErrorId = 'KoreInvalidArgument,*'; Message = "UserId 'a b' is malformed: ids contain only letters, digits and - _ . : @ +." }
        @{ Name = 'an unknown channel'; Run = { Get-KoreMessage -ChannelType pigeon -ErrorAction Stop }
            ErrorId = 'KoreInvalidArgument,*'; Message = "ChannelType has the unknown value 'pigeon'; valid values: *msteams*" }
        @{ Name = 'a whitespace IVR instance'; Run = { Get-KoreMessage -IvrInstanceId ' ' -ErrorAction Stop }
            ErrorId = 'KoreInvalidArgument,*'; Message = 'IvrInstanceId must not be empty.' }
        @{ Name = 'a tag without values'; Run = { Get-KoreMessage -UserTag @{ tier = @() } -ErrorAction Stop }
            ErrorId = 'KoreInvalidArgument,*'; Message = "Tag condition 'tier' needs at least one value, and no null values." }
        @{ Name = 'a malformed bot id in the query'; Run = { Get-KoreSession -BotId 'st 1' -ErrorAction Stop }
            ErrorId = 'KoreInvalidArgument,*'; Message = "BotId 'st 1' is malformed*" }
        @{ Name = 'plain http to a non-loopback host'; Run = { Connect-KoreBot -BotId st-x -ClientId cs-x -ClientSecret $clientSecret -BaseUri http://bots.kore.ai }
            ErrorId = 'KoreInvalidArgument,*'; Message = 'Plain http is refused for bots.kore.ai: it would send the credentials unencrypted.*' }
        @{ Name = 'an ftp base URL'; Run = { Connect-KoreBot -BotId st-x -ClientId cs-x -ClientSecret $clientSecret -BaseUri ftp://bots.kore.ai }
            ErrorId = 'KoreInvalidArgument,*'; Message = 'BaseUri must use https, not ftp.' }
        @{ Name = 'a base URL and a region'; Run = { Connect-KoreBot -BotId st-x -ClientId cs-x -ClientSecret $clientSecret -BaseUri https://bots.kore.ai -Region EU }
            ErrorId = 'KoreBaseUriAndRegion,*'; Message = 'Use -BaseUri or -Region, not both*' }
        @{ Name = 'an empty secret'; Run = { Connect-KoreBot -BotId st-x -ClientId cs-x -ClientSecret ([securestring]::new()) }
            ErrorId = 'KoreInvalidArgument,*'; Message = 'ClientSecret must not be empty.' }
        @{ Name = 'a malformed ready-made token'; Run = { Connect-KoreBot -BotId st-x -Token (ConvertTo-SecureString -String 'not-a-jwt' -AsPlainText -Force) }
            ErrorId = 'KoreInvalidArgument,*'; Message = 'Token is not a JWT*' }
        @{ Name = 'a malformed client id'; Run = { Connect-KoreBot -BotId st-x -ClientId 'cs 1' -ClientSecret $clientSecret }
            ErrorId = 'KoreInvalidArgument,*'; Message = "ClientId 'cs 1' is malformed*" }
        @{ Name = 'a malformed bot id'; Run = { Connect-KoreBot -BotId 'st/1' -ClientId cs-x -ClientSecret $clientSecret }
            ErrorId = 'KoreInvalidArgument,*'; Message = "BotId 'st/1' is malformed*" }
    )
}

BeforeAll {
    . (Join-Path $PSScriptRoot 'TestSetup.ps1') -EmulatorArguments '--sessions', '200', '--days', '10', '--seed', '3'
}

AfterAll {
    Complete-TestSetup
}

Describe 'Bad input' {
    BeforeAll {
        Connect-KoreBot -BotId $emulator.BotId -ClientId $emulator.ClientId -ClientSecret $clientSecret -BaseUri $emulator.BaseUri @pacing
    }

    It 'refuses <Name> before any request' -ForEach $badInputs {
        $result = Invoke-Captured -ScriptBlock $Run
        $result.Error | Should -Not -BeNullOrEmpty -Because "$Name must be refused"
        $result.Error.FullyQualifiedErrorId | Should -BeLike $ErrorId
        $result.Error.Exception.Message | Should -BeLike $Message
        @($result.Lines | Where-Object { $_ -match '^(GET|POST) /api/' }) | Should -HaveCount 0
    }

    It 'keeps the current connection when a Connect-KoreBot is refused' {
        { Connect-KoreBot -BotId st-x -ClientId cs-x -ClientSecret $clientSecret -BaseUri http://bots.kore.ai } | Should -Throw
        (Get-KoreConnection).BaseUri.Authority | Should -Be $emulator.BaseUri.Authority
    }

    It 'reads a date without a zone as local time and sends it in UTC' {
        $local = [datetime]::new(2026, 5, 1, 10, 0, 0, 0, [DateTimeKind]::Unspecified)
        $expected = $local.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", [cultureinfo]::InvariantCulture)
        $result = Invoke-Captured -ScriptBlock { Get-KoreMessage -From $local -To $local.AddHours(1) }
        $result.Error | Should -BeNullOrEmpty
        ($result.Lines -join "`n") | Should -BeLike "*`"dateFrom`":`"$expected`"*"
    }
}

Describe 'Retries that run out' {
    BeforeAll {
        # Every request answers 429 with Retry-After: 1, so the default six attempts take about five seconds.
        $limited = Start-KoreEmulator -EmulatorPath $emulatorPath -ArgumentList @(
            '--sessions', '50', '--days', '5', '--fault-rate', '1', '--fault-kinds', 'TooManyRequestsRetryAfterSeconds')
        $limitedSecret = ConvertTo-SecureString -String $limited.ClientSecret -AsPlainText -Force
        # -SkipCredentialCheck: the check request would be refused too, and the test is about the read.
        $connection = Connect-KoreBot -BotId $limited.BotId -ClientId $limited.ClientId -ClientSecret $limitedSecret `
            -BaseUri $limited.BaseUri -PassThru -SkipCredentialCheck
    }

    AfterAll {
        Stop-KoreEmulator -Emulator $limited
    }

    It 'end the command with a terminating error, so later piped input is not read' {
        # Two piped sessions a fortnight apart: two getMessages batches, the first read while the second is bound.
        $inputs = @(
            [pscustomobject]@{ SessionId = 's1'; StartTime = [datetime]::UtcNow.AddDays(-20); EndTime = [datetime]::UtcNow.AddDays(-20).AddMinutes(5) }
            [pscustomobject]@{ SessionId = 's2'; StartTime = [datetime]::UtcNow.AddDays(-2); EndTime = [datetime]::UtcNow.AddDays(-2).AddMinutes(5) }
        )
        # -ErrorAction SilentlyContinue does not hide a terminating error.
        $result = Invoke-Captured -ScriptBlock { $inputs | Get-KoreMessage -Connection $connection -ErrorAction SilentlyContinue }
        $result.Error | Should -Not -BeNullOrEmpty
        $result.Error.FullyQualifiedErrorId | Should -BeLike 'KoreRateLimitExceeded,*'
        $result.Error.CategoryInfo.Category | Should -Be 'LimitsExceeded'
        $result.Error.Exception.Message |
            Should -BeLike 'The rate limit was still reached after 6 attempt(s); the API asks to wait 1 second.*Request: POST /api/public/bot/*/getMessages.'
        # Six attempts at the first batch, none at the second.
        @($result.Lines | Where-Object { $_ -match '^POST /api/' }) | Should -HaveCount 6
        $result.Output | Should -BeNullOrEmpty
    }
}

Describe 'Secrets' {
    It 'never reach the verbose, debug, error or output streams of a connect, both reads and a failure' {
        $wrongSecret = 'wrong-' + [guid]::NewGuid().ToString('n')
        $text = [System.Text.StringBuilder]::new()
        $result = Invoke-Captured -ScriptBlock {
            $connection = Connect-KoreBot -BotId $emulator.BotId -ClientId $emulator.ClientId -ClientSecret $clientSecret `
                -BaseUri $emulator.BaseUri @pacing -PassThru
            $connection | Format-List -Property * | Out-String
            $connection | ConvertTo-Json -Depth 3
            Get-KoreSession -First 3 | Get-KoreMessage | Out-String
            Connect-KoreBot -BotId $emulator.BotId -ClientId $emulator.ClientId -BaseUri $emulator.BaseUri @pacing `
                -ClientSecret (ConvertTo-SecureString -String $wrongSecret -AsPlainText -Force)
            Get-KoreSession -First 1
        }
        $null = $text.AppendLine(($result.Lines -join "`n")).AppendLine($result.Output)
        $null = $text.AppendLine(($result.Error | Out-String)).AppendLine($result.Error.Exception.ToString())
        $result.Error.FullyQualifiedErrorId | Should -BeLike 'KoreAuthenticationFailed,*'
        $result.Lines | Should -Not -BeNullOrEmpty
        $all = $text.ToString()
        $all | Should -Not -Match ([regex]::Escape($emulator.ClientSecret))
        $all | Should -Not -Match ([regex]::Escape($wrongSecret))
        $all | Should -Not -Match 'eyJ[A-Za-z0-9_-]*\.eyJ[A-Za-z0-9_-]*\.'
        Disconnect-KoreBot
    }
}
