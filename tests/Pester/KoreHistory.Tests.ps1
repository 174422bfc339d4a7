# The built module (out/KoreHistory) end to end against the emulator (out/emulator). Run it with
# ./build.ps1 Pester (or Test), which builds both first and runs this suite in a fresh pwsh.

BeforeAll {
    . (Join-Path $PSScriptRoot 'TestSetup.ps1') -EmulatorArguments '--sessions', '300', '--days', '30', '--seed', '7'

    # An HS256 JWT signed with the app's secret, as a caller that mints its own tokens would make it.
    function New-EmulatorToken {
        param([string] $ClientId, [string] $Secret)
        $encode = { param([byte[]] $bytes) [Convert]::ToBase64String($bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_') }
        $now = [DateTimeOffset]::UtcNow.ToUnixTimeSeconds()
        $header = & $encode ([Text.Encoding]::UTF8.GetBytes('{"alg":"HS256","typ":"JWT"}'))
        $claims = [ordered]@{ appId = $ClientId; sub = 'pester'; iat = $now; exp = $now + 3000; jti = [guid]::NewGuid().ToString() }
        $payload = & $encode ([Text.Encoding]::UTF8.GetBytes(($claims | ConvertTo-Json -Compress)))
        $hmac = [System.Security.Cryptography.HMACSHA256]::new([Text.Encoding]::UTF8.GetBytes($Secret))
        try {
            $signature = & $encode ($hmac.ComputeHash([Text.Encoding]::UTF8.GetBytes("$header.$payload")))
        }
        finally {
            $hmac.Dispose()
        }
        "$header.$payload.$signature"
    }

    # Every value of every row; used to check that Export-Csv wrote readable values, not type names.
    function Get-CsvValue {
        param([object[]] $Rows)
        foreach ($row in $Rows) {
            foreach ($property in $row.PSObject.Properties) {
                [string]$property.Value
            }
        }
    }

    # Each CSV time reads back, in this culture, as the object's UTC time to the second.
    function Assert-CsvTime {
        param([string[]] $Written, [datetime[]] $Expected)
        $Written | Should -HaveCount $Expected.Count
        for ($i = 0; $i -lt $Expected.Count; $i++) {
            $Expected[$i].Kind | Should -Be 'Utc'
            $read = [datetime]::Parse($Written[$i], [cultureinfo]::CurrentCulture)
            ($Expected[$i] - $read).Duration() | Should -BeLessThan ([timespan]::FromSeconds(1))
        }
    }
    $typeNameInCsv = '^System\.|System\.Object\[\]|^KoreHistory\.'
}

AfterAll {
    Complete-TestSetup
}

Describe 'The module' {
    It 'has a manifest that Test-ModuleManifest accepts' {
        Test-ModuleManifest -Path $manifestPath -ErrorAction Stop | Should -Not -BeNullOrEmpty
    }

    It 'exports exactly its six cmdlets' {
        (Get-Command -Module KoreHistory).Name | Sort-Object |
            Should -Be @('Connect-KoreBot', 'Disconnect-KoreBot', 'Export-KoreHistory', 'Get-KoreConnection', 'Get-KoreMessage', 'Get-KoreSession')
    }

    It 'carries the version its assemblies were built with (Directory.Build.props, the one place it is set)' {
        $manifest = Import-PowerShellDataFile -Path $manifestPath
        $assembly = [System.Reflection.AssemblyName]::GetAssemblyName((Join-Path (Split-Path -Parent $manifestPath) 'core/KoreHistory.dll')).Version
        [version]$manifest.ModuleVersion | Should -Be ([version]::new($assembly.Major, $assembly.Minor, $assembly.Build))
        (Get-Module KoreHistory).Version | Should -Be ([version]$manifest.ModuleVersion)
    }

    It 'declares both editions and PowerShell 5.1' {
        $manifest = Import-PowerShellDataFile -Path $manifestPath
        $manifest.CompatiblePSEditions | Should -Be @('Desktop', 'Core')
        $manifest.PowerShellVersion | Should -Be '5.1'
    }

    It 'loads a default table view for <_>' -ForEach @('KoreHistory.Client.KoreSession', 'KoreHistory.Client.KoreMessage', 'KoreHistory.Client.KoreConnection', 'KoreHistory.KoreExportSummary') {
        Get-FormatData -TypeName $_ | Should -Not -BeNullOrEmpty
    }
}

Describe 'Help' {
    It '<_> has a synopsis, a description and text for every parameter' -ForEach @('Connect-KoreBot', 'Disconnect-KoreBot', 'Get-KoreConnection', 'Get-KoreSession', 'Get-KoreMessage', 'Export-KoreHistory') {
        $help = Get-Help -Name $_ -Full
        $help.Synopsis | Should -Not -BeNullOrEmpty
        $help.Synopsis | Should -Not -BeLike "$_ *"    # without MAML, Get-Help shows the syntax as the synopsis
        ($help.description | Out-String).Trim() | Should -Not -BeNullOrEmpty
        $common = @([System.Management.Automation.PSCmdlet]::CommonParameters) + @([System.Management.Automation.PSCmdlet]::OptionalCommonParameters)
        $documented = @($help.parameters.parameter | ForEach-Object { $_.name })
        $inCode = @((Get-Command -Name $_).Parameters.Keys | Where-Object { $_ -notin $common })
        foreach ($parameter in $inCode) {
            $documented | Should -Contain $parameter
        }
    }

    It 'Get-Help <_> -Examples shows at least three examples' -ForEach @('Connect-KoreBot', 'Disconnect-KoreBot', 'Get-KoreConnection', 'Get-KoreSession', 'Get-KoreMessage', 'Export-KoreHistory') {
        @((Get-Help -Name $_ -Examples).examples.example).Count | Should -BeGreaterOrEqual 3
    }

    It 'Get-Help Get-KoreMessage -Examples shows the Export-Csv example' {
        Get-Help -Name Get-KoreMessage -Examples | Out-String -Width 4096 | Should -Match 'Get-KoreMessage -SessionId \S+ \| Export-Csv'
    }
}

Describe 'Without a connection' {
    BeforeAll {
        Disconnect-KoreBot
    }

    It 'Get-KoreSession says to run Connect-KoreBot' {
        { Get-KoreSession -ErrorAction Stop } | Should -Throw -ErrorId 'KoreNotConnected,*' -ExpectedMessage '*Connect-KoreBot*'
    }

    It 'Get-KoreMessage says to run Connect-KoreBot' {
        { Get-KoreMessage -SessionId s1 -ErrorAction Stop } | Should -Throw -ErrorId 'KoreNotConnected,*' -ExpectedMessage '*Connect-KoreBot*'
    }

    It 'writes one error, not one per piped input' {
        $caught = @()
        try {
            'a', 'b', 'c' | ForEach-Object { [pscustomobject]@{ SessionId = $_ } } | Get-KoreMessage -ErrorAction Continue
        }
        catch {
            $caught += $_
        }
        $caught | Should -HaveCount 1
        $caught[0].FullyQualifiedErrorId | Should -BeLike 'KoreNotConnected,*'
    }

    It 'Get-KoreConnection writes nothing' {
        Get-KoreConnection | Should -BeNullOrEmpty
    }
}

Describe 'Connect-KoreBot' {
    AfterEach {
        Disconnect-KoreBot
    }

    It 'connects with -ClientId and -ClientSecret' {
        Connect-Emulator
        $connection = Get-KoreConnection
        $connection.BaseUri.Authority | Should -Be $emulator.BaseUri.Authority
        $connection.BotId | Should -Be $emulator.BotId
        $connection.ClientId | Should -Be $emulator.ClientId
        $connection.CredentialType | Should -Be 'ClientSecret'
        (Get-KoreSession -First 1).GetType().FullName | Should -Be 'KoreHistory.Client.KoreSession'
    }

    It 'connects with -Credential, the user name being the client id' {
        $credential = [pscredential]::new($emulator.ClientId, $clientSecret)
        Connect-KoreBot $emulator.BotId -Credential $credential -BaseUri $emulator.BaseUri @pacing
        (Get-KoreConnection).ClientId | Should -Be $emulator.ClientId
        Get-KoreSession -First 1 | Should -HaveCount 1
    }

    It 'connects with a ready-made -Token' {
        $token = ConvertTo-SecureString -String (New-EmulatorToken -ClientId $emulator.ClientId -Secret $emulator.ClientSecret) -AsPlainText -Force
        Connect-KoreBot -BotId $emulator.BotId -Token $token -BaseUri $emulator.BaseUri @pacing
        (Get-KoreConnection).CredentialType | Should -Be 'Token'
        Get-KoreSession -First 1 | Should -HaveCount 1
    }

    It 'connects to the admin console and reads a bot named with -BotId' {
        $adminSecret = ConvertTo-SecureString -String $emulator.AdminClientSecret -AsPlainText -Force
        Connect-KoreBot -AdminConsole -ClientId $emulator.AdminClientId -ClientSecret $adminSecret -BaseUri $emulator.BaseUri @pacing
        (Get-KoreConnection).AdminConsole | Should -BeTrue
        $session = Get-KoreSession -BotId $emulator.BotId -First 1
        $session.BotId | Should -Be $emulator.BotId
    }

    It 'connects to the admin console with -Credential' {
        $credential = [pscredential]::new($emulator.AdminClientId, (ConvertTo-SecureString -String $emulator.AdminClientSecret -AsPlainText -Force))
        Connect-KoreBot -AdminConsole -Credential $credential -BaseUri $emulator.BaseUri @pacing
        (Get-KoreConnection).ClientId | Should -Be $emulator.AdminClientId
        (Get-KoreMessage -BotId $emulator.BotId -First 1).GetType().FullName | Should -Be 'KoreHistory.Client.KoreMessage'
    }

    It 'connects to the admin console with a ready-made -Token' {
        $token = ConvertTo-SecureString -String (New-EmulatorToken -ClientId $emulator.AdminClientId -Secret $emulator.AdminClientSecret) -AsPlainText -Force
        Connect-KoreBot -AdminConsole -Token $token -BaseUri $emulator.BaseUri @pacing
        (Get-KoreConnection).CredentialType | Should -Be 'Token'
        (Get-KoreSession -BotId $emulator.BotId -First 1).BotId | Should -Be $emulator.BotId
    }

    It 'takes -Region instead of -BaseUri' {
        $connection = Connect-KoreBot -BotId st-region-test -ClientId cs-region-test -ClientSecret $clientSecret -Region EU -PassThru -SkipCredentialCheck
        $connection.BaseUri.Host | Should -Be 'eu-bots.kore.ai'
    }

    It 'uses https://bots.kore.ai when neither -BaseUri nor -Region is given' {
        (Connect-KoreBot -BotId st-default-test -ClientId cs-default-test -ClientSecret $clientSecret -PassThru -SkipCredentialCheck).BaseUri.Host |
            Should -Be 'bots.kore.ai'
    }

    It 'refuses -MaxConcurrentRequests <Limit> at binding' -ForEach @(@{ Limit = 0 }, @{ Limit = 17 }) {
        { Connect-KoreBot -BotId $emulator.BotId -ClientId $emulator.ClientId -ClientSecret $clientSecret -BaseUri $emulator.BaseUri -MaxConcurrentRequests $Limit } |
            Should -Throw -ErrorId 'ParameterArgumentValidationError,*'
    }

    It 'returns the connection only with -PassThru' {
        Connect-Emulator | Should -BeNullOrEmpty
        (Connect-Emulator -PassThru).GetType().FullName | Should -Be 'KoreHistory.Client.KoreConnection'
    }

    It 'refuses -BaseUri together with -Region' {
        { Connect-KoreBot -BotId st-x -ClientId cs-x -ClientSecret $clientSecret -BaseUri https://bots.kore.ai -Region EU } |
            Should -Throw -ErrorId 'KoreBaseUriAndRegion,*'
    }

    It 'refuses plain http to a host that is not loopback' {
        { Connect-KoreBot -BotId st-x -ClientId cs-x -ClientSecret $clientSecret -BaseUri http://bots.example.com } |
            Should -Throw -ErrorId 'KoreInvalidArgument,*'
        Get-KoreConnection | Should -BeNullOrEmpty
    }

    It 'refuses an empty client id at binding' {
        { Connect-KoreBot -BotId st-x -ClientId '' -ClientSecret $clientSecret } | Should -Throw -ErrorId 'ParameterArgumentValidationError,*'
    }

    It 'refuses -AdminConsole together with -BotId' {
        { Connect-KoreBot -BotId st-x -AdminConsole -ClientId cs-x -ClientSecret $clientSecret } | Should -Throw -ErrorId 'AmbiguousParameterSet,*'
    }

    It 'shows the connection without the secret' {
        $connection = Connect-Emulator -PassThru
        $connection.PSObject.Properties.Name | Should -Not -Match 'secret|password|^token$'
        $shown = ($connection | Format-List -Property * | Out-String) + ($connection | Format-Table | Out-String) + "$connection"
        $shown | Should -Not -Match ([regex]::Escape($emulator.ClientSecret))
    }

    It 'keeps one connection per runspace' {
        Connect-Emulator
        $modulePath = $manifestPath
        $baseUri = $emulator.BaseUri
        $seenElsewhere = 1..2 | ForEach-Object -Parallel {
            Import-Module $using:modulePath
            Get-KoreConnection
        }
        $seenElsewhere | Should -BeNullOrEmpty

        1 | ForEach-Object -Parallel {
            Import-Module $using:modulePath
            $secret = ConvertTo-SecureString -String 'other-secret' -AsPlainText -Force
            Connect-KoreBot -BotId st-other-runspace -ClientId cs-other -ClientSecret $secret -BaseUri $using:baseUri -SkipCredentialCheck
        }
        (Get-KoreConnection).BotId | Should -Be $emulator.BotId
    }
}

Describe 'Disconnect-KoreBot' {
    It 'forgets the connection' {
        Connect-Emulator
        Disconnect-KoreBot
        Get-KoreConnection | Should -BeNullOrEmpty
        { Get-KoreSession -ErrorAction Stop } | Should -Throw -ErrorId 'KoreNotConnected,*'
    }

    It 'leaves a connection returned by -PassThru usable through -Connection' {
        $connection = Connect-Emulator -PassThru
        Disconnect-KoreBot
        Get-KoreSession -Connection $connection -First 1 | Should -HaveCount 1
        Get-KoreMessage -Connection $connection -First 1 | Should -HaveCount 1
    }

    It 'does nothing when there is no connection' {
        Disconnect-KoreBot
        { Disconnect-KoreBot -ErrorAction Stop } | Should -Not -Throw
    }

    It 'refuses a parameter it does not have' {
        { Disconnect-KoreBot -BotId st-x } | Should -Throw -ErrorId 'NamedParameterNotFound,*'
    }
}

Describe 'Get-KoreConnection' {
    It 'refuses a parameter it does not have' {
        { Get-KoreConnection -Name x } | Should -Throw -ErrorId 'NamedParameterNotFound,*'
    }
}

Describe 'Get-KoreSession' {
    BeforeAll {
        Connect-Emulator
        $from = (Get-Date).AddDays(-31)
        $to = (Get-Date).AddMinutes(1)
        $all = @(Get-KoreSession -From $from -To $to)
    }

    AfterAll {
        Disconnect-KoreBot
    }

    It 'reads every session of 30 days, across 7-day windows, once each' {
        $all | Should -HaveCount 300
        @($all.SessionId | Sort-Object -Unique) | Should -HaveCount 300
        ($all[0]).GetType().FullName | Should -Be 'KoreHistory.Client.KoreSession'
    }

    It 'writes the newest sessions first' {
        $times = @($all | ForEach-Object { $_.StartTime })
        $times | Should -Be @($times | Sort-Object -Descending)
    }

    It 'filters by -UserId' {
        $user = $all[0].UserId
        $sessions = @(Get-KoreSession -UserId $user -From $from -To $to)
        $sessions.Count | Should -Be @($all | Where-Object UserId -EQ $user).Count
        $sessions | Where-Object UserId -NE $user | Should -BeNullOrEmpty
    }

    It 'filters by -SessionType' {
        $sessions = @(Get-KoreSession -SessionType Interactive -From $from -To $to)
        $sessions.Count | Should -Be @($all | Where-Object SessionType -EQ 'interactive').Count
        $sessions | Where-Object SessionType -NE 'interactive' | Should -BeNullOrEmpty
    }

    It 'filters by -ContainmentType' {
        $sessions = @(Get-KoreSession -ContainmentType Agent -From $from -To $to)
        $sessions.Count | Should -BeGreaterThan 0
        $sessions | Where-Object ContainmentType -NE 'agent' | Should -BeNullOrEmpty
    }

    It 'reads given sessions with -SessionId' {
        $ids = @($all[0..2].SessionId)
        @(Get-KoreSession -SessionId $ids).SessionId | Sort-Object | Should -Be @($ids | Sort-Object)
    }

    It 'filters by a -UserTag hashtable' {
        $tagged = $all | Where-Object { $_.UserTags.Count -gt 0 } | Select-Object -First 1
        $tag = $tagged.UserTags[0]
        $sessions = @(Get-KoreSession -UserTag @{ $tag.Name = $tag.Value } -From $from -To $to)
        $sessions.SessionId | Should -Contain $tagged.SessionId
        foreach ($session in $sessions) {
            $session.UserTags[$tag.Name] | Should -Be $tag.Value
        }
    }

    It 'filters by a -SessionTag hashtable with several values and -TagMatch Any' {
        $sessions = @(Get-KoreSession -SessionTag @{ campaign = 'spring', 'summer' } -TagMatch Any -From $from -To $to)
        $sessions.Count | Should -Be @($all | Where-Object { $_.SessionTags['campaign'] }).Count
    }

    It 'pages with -Skip and -First over small pages' {
        $page = @(Get-KoreSession -From $from -To $to -Skip 5 -First 10 -PageSize 7)
        $page.SessionId | Should -Be @($all[5..14].SessionId)
    }

    It 'writes the API total first with -IncludeTotalCount' {
        $results = @(Get-KoreSession -From $from -To $to -IncludeTotalCount -First 3)
        $results | Should -HaveCount 4
        $results[0] | Should -BeOfType ([uint64])
        [uint64]$results[0] | Should -Be 300
    }

    It 'shows each request with -Verbose, without the secret' {
        $verbose = @(Get-KoreSession -From $from -To $to -PageSize 50 -Verbose 4>&1 |
                Where-Object { $_ -is [System.Management.Automation.VerboseRecord] })
        $verbose.Count | Should -BeGreaterOrEqual 6
        $verbose.Message | Should -Match 'getSessions'
        ($verbose.Message -join "`n") | Should -Not -Match ([regex]::Escape($emulator.ClientSecret))
    }

    It 'sends local times as UTC' {
        $local = [datetime]::new(2026, 1, 5, 10, 0, 0, [DateTimeKind]::Unspecified)
        $expected = $local.ToUniversalTime().ToString('yyyy-MM-ddTHH:mm:ss')
        $verbose = @(Get-KoreSession -From $local -To $local.AddDays(1) -Verbose 4>&1 |
                Where-Object { $_ -is [System.Management.Automation.VerboseRecord] })
        ($verbose.Message -join "`n") | Should -Match ([regex]::Escape($expected))
    }

    It 'stops reading when Select-Object -First is satisfied' {
        $verboseFile = Join-Path $TestDrive 'sessions-verbose.txt'
        $first = @(Get-KoreSession -From $from -To $to -PageSize 10 -Verbose 4> $verboseFile | Select-Object -First 3)
        $first | Should -HaveCount 3
        @(Get-Content -LiteralPath $verboseFile | Where-Object { $_ -match 'getSessions' }) | Should -HaveCount 1
    }

    It 'refuses -From after -To before sending anything' {
        { Get-KoreSession -From (Get-Date) -To (Get-Date).AddDays(-1) -ErrorAction Stop } | Should -Throw -ErrorId 'KoreInvalidArgument,*'
        $verbose = @(Get-KoreSession -From (Get-Date) -To (Get-Date).AddDays(-1) -Verbose -ErrorAction SilentlyContinue 4>&1 |
                Where-Object { $_ -is [System.Management.Automation.VerboseRecord] })
        $verbose | Should -HaveCount 0
    }

    It 'refuses -PageSize 0 at binding' {
        { Get-KoreSession -PageSize 0 } | Should -Throw -ErrorId 'ParameterArgumentValidationError,*'
    }

    It 'refuses -SessionId with other filters at binding' {
        { Get-KoreSession -SessionId s1 -UserId u1 } | Should -Throw -ErrorId 'AmbiguousParameterSet,*'
    }

    It 'exports one readable value per column with Export-Csv' {
        $path = Join-Path $TestDrive 'sessions.csv'
        $sessions = @(Get-KoreSession -From $from -To $to -First 25)
        $sessions | Export-Csv -Path $path -NoTypeInformation
        $rows = @(Import-Csv -Path $path)
        $rows | Should -HaveCount 25
        $rows[0].PSObject.Properties.Name | Should -Contain 'SessionId'
        $rows[0].PSObject.Properties.Name | Should -Contain 'UserTags'
        $rows[0].PSObject.Properties.Name | Should -Not -Contain 'Raw'
        # Export-Csv writes a DateTime as PowerShell does (this culture, to the second); the time is the session's, in UTC.
        Assert-CsvTime -Written $rows.StartTime -Expected $sessions.StartTime
        Get-CsvValue -Rows $rows | Where-Object { $_ -match $typeNameInCsv } | Should -BeNullOrEmpty
        @($rows | Where-Object { $_.UserTags -match '^\w+=' }).Count | Should -BeGreaterThan 0
    }
}

Describe 'Get-KoreMessage' {
    BeforeAll {
        Connect-Emulator
        $from = (Get-Date).AddDays(-31)
        $to = (Get-Date).AddMinutes(1)
        $sessions = @(Get-KoreSession -From $from -To $to)
        $weekStart = [datetime]::UtcNow.AddDays(-6)
        $lastWeek = @($sessions | Where-Object { $_.StartTime -ge $weekStart })
        # A conversation of several messages on a channel that -ChannelType selects as a whole (not a second IVR instance).
        $session = $lastWeek | Where-Object { $_.MessageCount -ge 4 -and $_.Channel -notlike 'ivr*' } | Select-Object -First 1
        $conversation = @(Get-KoreMessage -SessionId $session.SessionId -OldestFirst)
    }

    AfterAll {
        Disconnect-KoreBot
    }

    It 'reads a whole session with -SessionId' {
        $conversation | Should -HaveCount $session.MessageCount
        $conversation | Where-Object SessionId -NE $session.SessionId | Should -BeNullOrEmpty
        ($conversation[0]).GetType().FullName | Should -Be 'KoreHistory.Client.KoreMessage'
    }

    It 'writes the oldest first by default and with -OldestFirst, the newest first with -NewestFirst' {
        # Issue 13 changed the default to oldest first (a conversation reads top to bottom); -OldestFirst still works.
        $times = @($conversation | ForEach-Object { $_.Time })
        $times | Should -Be @($times | Sort-Object)
        @(Get-KoreMessage -SessionId $session.SessionId).MessageId | Should -Be @($conversation.MessageId)
        @(Get-KoreMessage -SessionId $session.SessionId -NewestFirst).MessageId | Should -Be @($conversation[($conversation.Count - 1)..0].MessageId)
    }

    It 'reads the messages of piped sessions in batches, bound by property name' {
        $verboseFile = Join-Path $TestDrive 'pipeline-verbose.txt'
        $messages = @($lastWeek | Get-KoreMessage -Verbose 4> $verboseFile)
        $expected = ($lastWeek | Measure-Object -Property MessageCount -Sum).Sum
        $messages | Should -HaveCount $expected
        @($messages.SessionId | Sort-Object -Unique) | Should -Be @($lastWeek | Where-Object MessageCount -GT 0 | ForEach-Object SessionId | Sort-Object -Unique)
        $requests = @(Get-Content -LiteralPath $verboseFile | Where-Object { $_ -match 'getMessages' })
        $requests.Count | Should -BeLessThan $lastWeek.Count
    }

    It 'binds SessionId, StartTime and EndTime from any piped object' {
        $piped = [pscustomobject]@{ SessionId = $session.SessionId; StartTime = $session.StartTime; EndTime = $session.EndTime }
        @($piped | Get-KoreMessage -OldestFirst).MessageId | Should -Be @($conversation.MessageId)
    }

    It 'reads a user''s messages with -UserId, -From and -To' {
        $messages = @(Get-KoreMessage -UserId $session.UserId -From $from -To $to)
        $messages.Count | Should -BeGreaterOrEqual $conversation.Count
        $messages | Where-Object UserId -NE $session.UserId | Should -BeNullOrEmpty
    }

    It 'reads forward from a message with -MessageId -Direction Forward' {
        $anchor = $conversation[1]
        $messages = @(Get-KoreMessage -MessageId $anchor.MessageId -Direction Forward -UserId $anchor.UserId)
        $messages.MessageId | Should -Contain $conversation[2].MessageId
        $messages | Where-Object { $_.Time -lt $anchor.Time } | Should -BeNullOrEmpty
    }

    It 'reads back from a message with -MessageId -Direction Backward' {
        $anchor = $conversation[2]
        $messages = @(Get-KoreMessage -MessageId $anchor.MessageId -Direction Backward -UserId $anchor.UserId)
        $messages.MessageId | Should -Contain $conversation[0].MessageId
        $messages | Where-Object { $_.Time -gt $anchor.Time } | Should -BeNullOrEmpty
    }

    It 'filters by -ChannelType' {
        $messages = @(Get-KoreMessage -SessionId $session.SessionId -ChannelType $session.Channel)
        $messages | Should -HaveCount $conversation.Count
        $messages | Where-Object Channel -NE $session.Channel | Should -BeNullOrEmpty
    }

    It 'filters by a -MessageTag hashtable' {
        $week = @($lastWeek | Get-KoreMessage)
        $tagged = $week | Where-Object { $_.MessageTags.Count -gt 0 } | Select-Object -First 1
        $tag = $tagged.MessageTags[0]
        $messages = @(Get-KoreMessage -MessageTag @{ $tag.Name = $tag.Value } -From $weekStart -To $to)
        $messages.MessageId | Should -Contain $tagged.MessageId
        foreach ($message in $messages) {
            $message.MessageTags[$tag.Name] | Should -Be $tag.Value
        }
    }

    It 'filters by -UserTag and -SessionTag together with -TagMatch All' {
        $messages = @(Get-KoreMessage -UserTag @{ tier = 'gold' } -SessionTag @{ campaign = 'spring' } -TagMatch All -From $from -To $to)
        $messages.Count | Should -BeGreaterThan 0
        foreach ($message in $messages) {
            $message.UserTags['tier'] | Should -Be 'gold'
            $message.SessionTags['campaign'] | Should -Be 'spring'
        }
    }

    It 'filters by -IvrInstanceId' {
        $ivrSessions = @($sessions | Where-Object Channel -EQ 'ivr' | ForEach-Object SessionId)
        $messages = @(Get-KoreMessage -IvrInstanceId 'ivr-inst-1' -From $from -To $to)
        $messages.Count | Should -BeGreaterThan 0
        $messages | Where-Object Channel -NE 'ivr' | Should -BeNullOrEmpty
        $messages | Where-Object SessionId -NotIn $ivrSessions | Should -BeNullOrEmpty
    }

    It 'pages with -Skip, -First and -IncludeTotalCount' {
        @(Get-KoreMessage -SessionId $session.SessionId -OldestFirst -Skip 1 -First 2).MessageId |
            Should -Be @($conversation[1..2].MessageId)
        $counted = @(Get-KoreMessage -SessionId $session.SessionId -IncludeTotalCount -First 1)
        $counted | Should -HaveCount 2
        [uint64]$counted[0] | Should -Be $conversation.Count
    }

    It 'stops reading when Select-Object -First is satisfied' {
        $verboseFile = Join-Path $TestDrive 'messages-verbose.txt'
        $first = @(Get-KoreMessage -From $from -To $to -PageSize 5 -Verbose 4> $verboseFile | Select-Object -First 3)
        $first | Should -HaveCount 3
        @(Get-Content -LiteralPath $verboseFile | Where-Object { $_ -match 'getMessages' }) | Should -HaveCount 1
    }

    It 'writes an error for one bad piped input and reads the rest' {
        $inputs = [pscustomobject]@{ UserId = 'bad id!' }, [pscustomobject]@{ UserId = $session.UserId }
        $messages = @($inputs | Get-KoreMessage -From $from -To $to -ErrorVariable failures -ErrorAction SilentlyContinue)
        $failures | Should -HaveCount 1
        $failures[0].FullyQualifiedErrorId | Should -BeLike 'KoreInvalidArgument,*'
        $failures[0].CategoryInfo.Category | Should -Be 'InvalidArgument'
        $failures[0].TargetObject | Should -Not -BeNullOrEmpty
        $messages.Count | Should -BeGreaterThan 0
        $messages | Where-Object UserId -NE $session.UserId | Should -BeNullOrEmpty
    }

    It 'refuses an unknown -ChannelType before sending anything' {
        { Get-KoreMessage -ChannelType nosuchchannel -ErrorAction Stop } | Should -Throw -ErrorId 'KoreInvalidArgument,*'
    }

    It 'refuses -MessageId with dates at binding' {
        { Get-KoreMessage -MessageId m1 -From (Get-Date) } | Should -Throw -ErrorId 'AmbiguousParameterSet,*'
    }

    It 'refuses -PageSize above 10000 at binding' {
        { Get-KoreMessage -PageSize 10001 } | Should -Throw -ErrorId 'ParameterArgumentValidationError,*'
    }

    It 'refuses -PageSize above 100 without -UseMessagesV2 before sending anything' {
        $verboseFile = Join-Path $TestDrive 'pagesize-verbose.txt'
        { Get-KoreMessage -From $from -To $to -PageSize 101 -ErrorAction Stop -Verbose 4> $verboseFile } |
            Should -Throw -ErrorId 'KoreInvalidArgument,*' -ExpectedMessage '*UseMessagesV2*'
        @(Get-Content -LiteralPath $verboseFile | Where-Object { $_ -match 'getMessages' }) | Should -HaveCount 0
    }

    It 'reads through getMessagesV2 with -UseMessagesV2, 10000 a request, without alert and action messages' {
        $verboseFile = Join-Path $TestDrive 'v2-verbose.txt'
        $v2 = @(Get-KoreMessage -From $from -To $to -UseMessagesV2 -Verbose 4> $verboseFile)
        $all = @(Get-KoreMessage -From $from -To $to)
        $kept = @($all | Where-Object { $_.ContentTypes -notmatch 'alert|action' })
        $v2.MessageId | Should -Be @($kept.MessageId)
        $v2.Count | Should -BeLessThan $all.Count
        $requests = @(Get-Content -LiteralPath $verboseFile | Where-Object { $_ -match 'getMessagesV2' })
        $requests.Count | Should -BeGreaterThan 0
        $requests | ForEach-Object { $_ | Should -Match '"limit":10000' }
    }

    It 'reads the same messages in the same order with -MaxConcurrentRequests 1 and 8' {
        $one = Connect-KoreBot -BotId $emulator.BotId -ClientId $emulator.ClientId -ClientSecret $clientSecret `
            -BaseUri $emulator.BaseUri @pacing -MaxConcurrentRequests 1 -PassThru
        $eight = Connect-KoreBot -BotId $emulator.BotId -ClientId $emulator.ClientId -ClientSecret $clientSecret `
            -BaseUri $emulator.BaseUri @pacing -ThrottleLimit 8 -PassThru
        try {
            $sequential = @(Get-KoreMessage -Connection $one -From $from -To $to -PageSize 20)
            $concurrent = @(Get-KoreMessage -Connection $eight -From $from -To $to -PageSize 20)
            $concurrent.Count | Should -BeGreaterThan 100
            $concurrent.MessageId | Should -Be @($sequential.MessageId)
        }
        finally {
            $one.Dispose()
            $eight.Dispose()
            Connect-Emulator
        }
    }

    It 'exports one readable value per column with Export-Csv' {
        $path = Join-Path $TestDrive 'conversation.csv'
        Get-KoreMessage -SessionId $session.SessionId | Export-Csv -Path $path -NoTypeInformation
        $rows = @(Import-Csv -Path $path)
        $rows | Should -HaveCount $conversation.Count
        foreach ($column in 'MessageId', 'SessionId', 'UserId', 'Direction', 'Time', 'Channel', 'Text', 'MessageTags') {
            $rows[0].PSObject.Properties.Name | Should -Contain $column
        }
        $rows[0].PSObject.Properties.Name | Should -Not -Contain 'Raw'
        Assert-CsvTime -Written $rows.Time -Expected $conversation.Time
        Get-CsvValue -Rows $rows | Where-Object { $_ -match $typeNameInCsv } | Should -BeNullOrEmpty
    }

    It 'exports a week of sessions through Get-KoreSession | Get-KoreMessage | Export-Csv' {
        $path = Join-Path $TestDrive 'week.csv'
        Get-KoreSession -From $weekStart -To $to | Get-KoreMessage | Export-Csv -Path $path -NoTypeInformation
        $rows = @(Import-Csv -Path $path)
        $rows.Count | Should -Be ($lastWeek | Measure-Object -Property MessageCount -Sum).Sum
        Get-CsvValue -Rows $rows | Where-Object { $_ -match $typeNameInCsv } | Should -BeNullOrEmpty
    }
}

Describe 'Authentication failures' {
    It 'end the command with an AuthenticationError that shows no secret' {
        $wrongSecret = 'wrong-' + [guid]::NewGuid().ToString('n')
        # Unchecked, so that the read is the first to use the secret (Connect-KoreBot's own check: Experience.Tests.ps1).
        Connect-KoreBot -BotId $emulator.BotId -ClientId $emulator.ClientId -BaseUri $emulator.BaseUri @pacing `
            -ClientSecret (ConvertTo-SecureString -String $wrongSecret -AsPlainText -Force) -SkipCredentialCheck
        $caught = $null
        try {
            # -ErrorAction SilentlyContinue does not hide a terminating error.
            Get-KoreSession -First 1 -ErrorAction SilentlyContinue -Verbose 4>$null
        }
        catch {
            $caught = $_
        }
        $caught | Should -Not -BeNullOrEmpty
        $caught.FullyQualifiedErrorId | Should -BeLike 'KoreAuthenticationFailed,*'
        $caught.CategoryInfo.Category | Should -Be 'AuthenticationError'
        ($caught | Out-String) + $caught.Exception.ToString() | Should -Not -Match ([regex]::Escape($wrongSecret))
        Disconnect-KoreBot
    }
}

Describe 'Tab completion' {
    It 'completes <Text>' -ForEach @(
        @{ Text = 'Get-KoreMessage -ChannelType ms'; Expected = 'msteams' }
        @{ Text = 'Connect-KoreBot -Region '; Expected = 'EU' }
        @{ Text = 'Get-KoreSession -SessionType '; Expected = 'NonInteractive' }
        @{ Text = 'Get-KoreSession -ContainmentType '; Expected = 'SelfService' }
        @{ Text = 'Get-KoreMessage -Direction '; Expected = 'Backward' }
    ) {
        $completion = TabExpansion2 -inputScript $Text -cursorColumn $Text.Length
        $completion.CompletionMatches.CompletionText | Should -Contain $Expected
    }
}

Describe 'Private dependencies (issue 7)' {
    BeforeAll {
        Connect-Emulator
        $null = Get-KoreSession -First 1    # the engine and its dependencies are loaded from here on
        $coreDirectory = [System.IO.Path]::GetFullPath((Join-Path (Split-Path -Parent $manifestPath) 'core'))
        $dependencyDirectory = Join-Path $coreDirectory 'dependencies'
        $defaultContext = [System.Runtime.Loader.AssemblyLoadContext]::Default
        $privateContext = [System.Runtime.Loader.AssemblyLoadContext]::All | Where-Object { $_.Name -eq 'KoreHistory' }

        # The older IdentityModel that "another module" brings: 6.8.0 from the NuGet cache, where restoring the
        # solution put it (tests/KoreHistory.Isolation.Probe references it for compilation only).
        $packageRoot = $env:NUGET_PACKAGES
        if (-not $packageRoot) {
            $packageRoot = ((& dotnet nuget locals global-packages --list) -replace '^global-packages:\s*', '').Trim()
        }
        $olderAssemblies = foreach ($name in 'System.IdentityModel.Tokens.Jwt', 'Microsoft.IdentityModel.JsonWebTokens', 'Microsoft.IdentityModel.Tokens', 'Microsoft.IdentityModel.Logging') {
            $path = Join-Path $packageRoot "$($name.ToLowerInvariant())/6.8.0/lib/netstandard2.0/$name.dll"
            if (-not (Test-Path -LiteralPath $path)) {
                throw "$path is missing: run dotnet restore KoreHistory.sln (build.ps1 Build does)."
            }
            $path
        }
        $scenarioPath = Join-Path $PSScriptRoot 'IsolationScenario.ps1'

        # Each scenario in a fresh pwsh: what is loaded in a session cannot be unloaded.
        function Invoke-IsolationScenario {
            param([string] $Order)
            $variables = @{
                KORE_BASE_URI      = $emulator.BaseUri.ToString()
                KORE_BOT_ID        = $emulator.BotId
                KORE_CLIENT_ID     = $emulator.ClientId
                KORE_CLIENT_SECRET = $emulator.ClientSecret
            }
            try {
                foreach ($name in $variables.Keys) {
                    Set-Item -LiteralPath "env:$name" -Value $variables[$name]
                }
                $output = Invoke-ChildPwsh -NoProfile -NonInteractive -File $scenarioPath -Order $Order -ManifestPath $manifestPath `
                    -OlderAssemblyPaths ($olderAssemblies -join [System.IO.Path]::PathSeparator) 2>&1
                if ($LASTEXITCODE -ne 0) {
                    throw "The $Order scenario failed (exit code $LASTEXITCODE): $($output -join [Environment]::NewLine)"
                }
            }
            finally {
                foreach ($name in $variables.Keys) {
                    Remove-Item -LiteralPath "env:$name" -ErrorAction SilentlyContinue
                }
            }
            [string]($output | Select-Object -Last 1) | ConvertFrom-Json
        }

        function Assert-IsolationReport {
            param($Report)
            @($Report.SessionIds | Select-Object -Unique).Count | Should -Be 5
            $Report.OlderIssuer | Should -Be 'older-module'
            foreach ($name in 'System.IdentityModel.Tokens.Jwt', 'Microsoft.IdentityModel.Tokens', 'Microsoft.IdentityModel.Logging') {
                $copies = @($Report.Assemblies | Where-Object { $_.Name -eq $name })
                $copies.Count | Should -Be 2 -Because "$name is loaded once by the older module and once by KoreHistory"
                $older = @($copies | Where-Object { $_.Context -eq 'Default' })
                $older.Count | Should -Be 1
                $older[0].Version | Should -Be '6.8.0.0'
                $ours = @($copies | Where-Object { $_.Context -eq 'KoreHistory' })
                $ours.Count | Should -Be 1
                $ours[0].Version | Should -Not -Be '6.8.0.0'
                Split-Path -Parent $ours[0].Location | Should -Be $dependencyDirectory
            }
            $engine = @($Report.Assemblies | Where-Object { $_.Name -eq 'KoreHistory.Client' })
            $engine.Count | Should -Be 1
            $engine[0].Context | Should -Be 'KoreHistory'
        }
    }

    It 'loads only the entry assembly in the default load context' {
        $inDefault = @($defaultContext.Assemblies | Where-Object { $_.GetName().Name -like 'KoreHistory*' })
        $inDefault.Count | Should -Be 1
        $inDefault[0].Location | Should -Be (Join-Path $coreDirectory 'KoreHistory.dll')
        @($defaultContext.Assemblies | Where-Object { $_.Location -and (Split-Path -Parent $_.Location) -eq $dependencyDirectory }) |
            Should -BeNullOrEmpty
    }

    It 'loads the engine and System.IdentityModel.Tokens.Jwt from dependencies/ in its own load context' {
        $privateContext | Should -Not -BeNullOrEmpty
        foreach ($name in 'KoreHistory.Client', 'System.IdentityModel.Tokens.Jwt') {
            $assembly = @($privateContext.Assemblies | Where-Object { $_.GetName().Name -eq $name })
            $assembly.Count | Should -Be 1
            $assembly[0].Location | Should -Be (Join-Path $dependencyDirectory "$name.dll")
        }
    }

    It 'resolves an engine type named with its assembly, and not by its bare name' {
        # PowerShell resolves bare type names only in the default load context; the engine's types are reached by
        # their assembly-qualified name, which the module's loader answers.
        ('KoreHistory.Client.KoreRegion, KoreHistory.Client' -as [type]).Assembly |
            Should -Be (Get-KoreConnection).GetType().Assembly
        'KoreHistory.Client.KoreRegion' -as [type] | Should -BeNullOrEmpty
    }

    It 'reads from the emulator in a fresh session where an older System.IdentityModel.Tokens.Jwt was loaded first' {
        Assert-IsolationReport (Invoke-IsolationScenario -Order OtherFirst)
    }

    It 'leaves an older System.IdentityModel.Tokens.Jwt loaded after KoreHistory working' {
        Assert-IsolationReport (Invoke-IsolationScenario -Order ModuleFirst)
    }
}

Describe 'Ctrl+C' {
    BeforeAll {
        # Every request to this emulator hangs until the client gives up or is cancelled.
        $hanging = Start-KoreEmulator -EmulatorPath $emulatorPath -ArgumentList @('--sessions', '10', '--fault-rate', '1', '--fault-kinds', 'Timeout')
    }

    AfterAll {
        Stop-KoreEmulator -Emulator $hanging
    }

    It 'stops the request in flight' {
        $shell = [powershell]::Create()
        try {
            $null = $shell.AddScript({
                    param($ManifestPath, $BaseUri, $BotId, $ClientId, $ClientSecret)
                    Import-Module $ManifestPath
                    Connect-KoreBot -BotId $BotId -ClientId $ClientId -BaseUri $BaseUri `
                        -ClientSecret (ConvertTo-SecureString -String $ClientSecret -AsPlainText -Force)
                    Get-KoreSession
                }).AddArgument($manifestPath).AddArgument($hanging.BaseUri).AddArgument($hanging.BotId).AddArgument($hanging.ClientId).AddArgument($hanging.ClientSecret)
            $running = $shell.BeginInvoke()
            Start-Sleep -Seconds 2    # let the request start; the emulator holds it open
            $stopping = $shell.BeginStop($null, $null)
            # The client would wait 100 s per attempt, several attempts: only cancellation ends it this soon.
            $stopping.AsyncWaitHandle.WaitOne([timespan]::FromSeconds(30)) | Should -BeTrue
            $shell.EndStop($stopping)
            $shell.InvocationStateInfo.State | Should -Be 'Stopped'
            $running.IsCompleted | Should -BeTrue
        }
        finally {
            $shell.Dispose()
        }
    }
}
