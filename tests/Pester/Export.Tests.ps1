#Requires -Modules Pester
# Export-KoreHistory (issue 14) against the emulator's live mode: new conversations keep arriving, some messages late
# (at most 2 s in the past), and the emulator's ground truth (/emulator/ground-truth) says what an export must hold.
# Every request is delayed 50 ms, so a backfill of this small history runs long enough to be killed in the middle.

BeforeAll {
    . (Join-Path $PSScriptRoot 'TestSetup.ps1') -EmulatorArguments '--sessions', '600', '--days', '3', '--seed', '21', '--live-rate', '8', '--live-late-max-seconds', '2', '--latency-ms', '50'
    Connect-Emulator

    # Longer than the live mode's 2 s of lateness: a run exports only what can no longer change.
    $settle = [timespan]::FromSeconds(4)
    $from = [datetime]::UtcNow.AddDays(-3)
    $botFolderName = $emulator.BotId
    $otherBotId = ([regex]::Match((Get-Content -LiteralPath (Join-Path $emulator.LogDirectory 'stdout.txt') -Raw), 'Other bot ids:\s*(st-[^,\s]+)')).Groups[1].Value

    # Every session and message id the emulator holds for a bot, with its time (ISO strings compare in time order).
    function Get-GroundTruth {
        param([string] $BotId = $emulator.BotId, [object] $Emulator = $emulator)
        $response = Invoke-WebRequest -Uri ('{0}emulator/ground-truth?botId={1}' -f $Emulator.BaseUri, $BotId) -UseBasicParsing
        $response.Content | ConvertFrom-Json -DateKind String
    }

    # The checkpoint of a bot's folder, its times as the ISO strings it holds.
    function Get-Checkpoint {
        param([string] $Folder, [string] $BotId = $emulator.BotId)
        Get-Content -LiteralPath (Join-Path $Folder "$BotId/checkpoint.json") -Raw | ConvertFrom-Json -DateKind String
    }

    # The ids in a bot's files of one kind, in file order, each line parsed (a line that is not valid JSON fails here).
    function Get-ExportedId {
        param([string] $Folder, [ValidateSet('messages', 'sessions')] [string] $Kind, [string] $BotId = $emulator.BotId)
        $files = @(Get-ChildItem -LiteralPath (Join-Path $Folder "$BotId/$Kind") -File -ErrorAction SilentlyContinue | Sort-Object Name)
        $ids = [System.Collections.Generic.List[string]]::new()
        foreach ($file in $files) {
            if ($file.Extension -eq '.csv') {
                $column = if ($Kind -eq 'messages') { 'MessageId' } else { 'SessionId' }
                foreach ($row in @(Import-Csv -LiteralPath $file.FullName -Encoding utf8)) { $ids.Add($row.$column) }
            }
            else {
                $property = if ($Kind -eq 'messages') { '_id' } else { 'sessionId' }
                foreach ($line in [System.IO.File]::ReadAllLines($file.FullName)) { $ids.Add(($line | ConvertFrom-Json -ErrorAction Stop).$property) }
            }
        }
        , $ids
    }

    # What the files must hold: the ground truth's records from the export's start up to where its checkpoint stands.
    function Get-ExpectedId {
        param([object] $Truth, [object] $Checkpoint, [ValidateSet('messages', 'sessions')] [string] $Kind)
        $through = if ($Kind -eq 'messages') { $Checkpoint.messages.through } else { $Checkpoint.sessions.through }
        @($Truth.$Kind | Where-Object { $_[1] -ge $Checkpoint.from -and $_[1] -lt $through } | ForEach-Object { $_[0] })
    }

    # No line twice, none missing, none extra.
    function Assert-ExactlyOnce {
        param([string[]] $Exported, [string[]] $Expected, [string] $Because)
        $duplicates = @($Exported | Group-Object | Where-Object Count -gt 1 | Select-Object -ExpandProperty Name)
        $duplicates | Should -BeNullOrEmpty -Because "$Because (no record twice)"
        $exportedSet = [System.Collections.Generic.HashSet[string]]::new([string[]]$Exported, [StringComparer]::Ordinal)
        $expectedSet = [System.Collections.Generic.HashSet[string]]::new([string[]]$Expected, [StringComparer]::Ordinal)
        @($Expected | Where-Object { -not $exportedSet.Contains($_) }) | Should -BeNullOrEmpty -Because "$Because (no record lost)"
        @($Exported | Where-Object { -not $expectedSet.Contains($_) }) | Should -BeNullOrEmpty -Because "$Because (nothing from outside the range)"
        $Exported.Count | Should -Be $Expected.Count
    }

    # -WhatIf writes to the host, which only another process's output can show.
    function Invoke-WhatIf {
        param([string] $Folder, [string] $Arguments)
        $script = Join-Path $TestDrive ('whatif-' + [guid]::NewGuid().ToString('n') + '.ps1')
        Set-Content -LiteralPath $script -Value (@"
Import-Module '$manifestPath'
Connect-KoreBot -BotId '$($emulator.BotId)' -ClientId '$($emulator.ClientId)' -BaseUri '$($emulator.BaseUri)' -SkipCredentialCheck -Quiet ``
    -ClientSecret (ConvertTo-SecureString -String '$($emulator.ClientSecret)' -AsPlainText -Force)
Export-KoreHistory -Path '$Folder' -WhatIf $Arguments
"@)
        (Invoke-ChildPwsh -NoProfile -NonInteractive -File $script 2>&1) -join "`n"
    }

    # A child pwsh that runs one export and writes its summary; it touches a file right before Export-KoreHistory,
    # so the parent can kill it while it exports rather than while it starts.
    $childScript = Join-Path $TestDrive 'export-child.ps1'
    Set-Content -LiteralPath $childScript -Value @'
param([string] $ManifestPath, [string] $BaseUri, [string] $BotId, [string] $ClientId, [string] $Secret, [string] $Folder,
      [string] $Format, [string] $From, [string] $Settle, [string] $Ready, [int] $PerMinute = 100000)
$ErrorActionPreference = 'Stop'
Import-Module $ManifestPath
Connect-KoreBot -BotId $BotId -ClientId $ClientId -ClientSecret (ConvertTo-SecureString $Secret -AsPlainText -Force) -BaseUri $BaseUri `
    -RequestsPerMinute $PerMinute -RequestsPerHour 1000000 -MaxConcurrentRequests 1 -SkipCredentialCheck -Quiet
Set-Content -LiteralPath $Ready -Value $PID
Export-KoreHistory -Path $Folder -From ([datetime]::Parse($From, [cultureinfo]::InvariantCulture, 'RoundtripKind')) -Format $Format -SettleTime $Settle |
    ConvertTo-Json -Compress | Set-Content -LiteralPath "$Ready.summary"
'@

    function Start-ChildExport {
        param([string] $Folder, [string] $Format, [string] $Secret = $emulator.ClientSecret, [int] $PerMinute = 100000)
        $ready = Join-Path $TestDrive ('ready-' + [guid]::NewGuid().ToString('n'))
        $start = [System.Diagnostics.ProcessStartInfo]::new([Environment]::ProcessPath)
        if ([System.IO.Path]::GetFileNameWithoutExtension([Environment]::ProcessPath) -eq 'dotnet') {
            $start.ArgumentList.Add((Join-Path $PSHOME 'pwsh.dll'))
        }
        foreach ($argument in @('-NoProfile', '-NonInteractive', '-File', $childScript, '-ManifestPath', $manifestPath, '-BaseUri', $emulator.BaseUri.ToString(),
                '-BotId', $emulator.BotId, '-ClientId', $emulator.ClientId, '-Secret', $Secret, '-Folder', $Folder, '-Format', $Format,
                '-From', $from.ToString('o'), '-Settle', $settle.ToString(), '-Ready', $ready, '-PerMinute', $PerMinute)) {
            $start.ArgumentList.Add($argument)
        }
        $start.RedirectStandardOutput = $true
        $start.RedirectStandardError = $true
        $start.UseShellExecute = $false
        $process = [System.Diagnostics.Process]::Start($start)
        # Read the output as it comes, so a full pipe never stalls the child.
        $output = $process.StandardOutput.ReadToEndAsync()
        $errors = $process.StandardError.ReadToEndAsync()
        [pscustomobject]@{ Process = $process; Ready = $ready; Output = $output; Errors = $errors }
    }
}

AfterAll {
    Complete-TestSetup
}

Describe 'Export-KoreHistory, killed and resumed' {
    It 'a backfill over the live emulator killed with SIGKILL at 20 random moments loses and repeats nothing, in JSON Lines and in CSV' {
        $seed = Get-Random
        $random = [System.Random]::new($seed)
        $variants = foreach ($format in 'JsonLines', 'Csv') {
            [pscustomobject]@{ Format = $format; Folder = (Join-Path $TestDrive "crash-$format"); Kills = 0; Runs = 0; CutOff = 0; Child = $null; KillAt = $null }
        }
        $deadline = [datetime]::UtcNow.AddSeconds(240)    # a guard against a loop that never ends, not a timing goal

        # Both formats at once, each child killed at its own random moment of its export (0 to 300 ms after it starts
        # exporting: a run reads a few pages of the some 50 the backfill needs, at 50 ms each), until each has been
        # killed 20 times; then a last run finishes the backfill.
        while (@($variants | Where-Object Kills -lt 20).Count -gt 0) {
            [datetime]::UtcNow | Should -BeLessThan $deadline -Because "the kill loop (seed $seed) must end"
            foreach ($variant in $variants) {
                if ($null -eq $variant.Child -and $variant.Kills -lt 20) {
                    $variant.Child = Start-ChildExport -Folder $variant.Folder -Format $variant.Format
                    $variant.KillAt = $null
                    $variant.Runs++
                }
                $child = $variant.Child
                if ($null -eq $child) { continue }
                if ($null -eq $variant.KillAt -and (Test-Path -LiteralPath $child.Ready)) {
                    $variant.KillAt = [datetime]::UtcNow.AddMilliseconds($random.Next(0, 300))
                }
                if ($child.Process.HasExited) {
                    # Finished before its moment came: a run, not a kill.
                    $child.Process.ExitCode | Should -Be 0 -Because ($child.Errors.Result + $child.Output.Result)
                    $variant.Child = $null
                }
                elseif ($null -ne $variant.KillAt -and [datetime]::UtcNow -ge $variant.KillAt) {
                    $child.Process.Kill()    # SIGKILL on Linux and macOS, TerminateProcess on Windows
                    $child.Process.WaitForExit()
                    $variant.Kills++
                    # Killed between an append and its commit: the next run cuts that tail off.
                    $checkpointPath = Join-Path $variant.Folder "$botFolderName/checkpoint.json"
                    if (Test-Path -LiteralPath $checkpointPath) {
                        $committed = (Get-Content -LiteralPath $checkpointPath -Raw | ConvertFrom-Json -AsHashtable).files
                        foreach ($file in $committed.Keys) {
                            $path = Join-Path $variant.Folder "$botFolderName/$file"
                            if ((Test-Path -LiteralPath $path) -and (Get-Item -LiteralPath $path).Length -gt $committed[$file]) { $variant.CutOff++; break }
                        }
                    }
                    $variant.Child = $null
                }
            }
            Start-Sleep -Milliseconds 10
        }

        # The lock file of the killed runs is still there; it does not block the final runs, which finish.
        foreach ($variant in $variants) {
            Test-Path -LiteralPath (Join-Path $variant.Folder '.korehistory-export.lock') | Should -BeTrue
            $final = Start-ChildExport -Folder $variant.Folder -Format $variant.Format
            $final.Process.WaitForExit(60000) | Should -BeTrue
            $final.Process.ExitCode | Should -Be 0 -Because ($final.Errors.Result + $final.Output.Result)
            $variant.Runs++
            (Get-Content -LiteralPath "$($final.Ready).summary" -Raw | ConvertFrom-Json).StopReason | Should -Be 'Completed'
        }

        $truth = Get-GroundTruth
        foreach ($variant in $variants) {
            $checkpoint = Get-Checkpoint -Folder $variant.Folder
            $messages = Get-ExportedId -Folder $variant.Folder -Kind messages
            $sessions = Get-ExportedId -Folder $variant.Folder -Kind sessions
            $because = "$($variant.Format), seed $seed"
            Assert-ExactlyOnce -Exported $messages -Expected (Get-ExpectedId -Truth $truth -Checkpoint $checkpoint -Kind messages) -Because $because
            Assert-ExactlyOnce -Exported $sessions -Expected (Get-ExpectedId -Truth $truth -Checkpoint $checkpoint -Kind sessions) -Because $because
            $messages.Count | Should -BeGreaterThan 4000
            $checkpoint.messagesExported | Should -Be $messages.Count
            Write-Host ("crash test ({0}, seed {1}): {2} runs, {3} kills ({4} between an append and its commit), {5} messages and {6} sessions, lost 0, duplicated 0" -f
                $variant.Format, $seed, $variant.Runs, $variant.Kills, $variant.CutOff, $messages.Count, $sessions.Count)
        }
    }
}

Describe 'Export-KoreHistory, run after run' {
    It 'ten incremental runs interleaved with live and late messages leave no gap and no duplicate' {
        $folder = Join-Path $TestDrive 'incremental'
        $runs = @(for ($i = 0; $i -lt 10; $i++) {
                Export-KoreHistory -Path $folder -From $from -SettleTime $settle
                Start-Sleep -Milliseconds 600
            })

        $runs | Should -HaveCount 10
        $runs.StopReason | Sort-Object -Unique | Should -Be 'Completed'
        for ($i = 1; $i -lt 10; $i++) {
            # Each run starts where the last one ended: no gap.
            $runs[$i].From | Should -Be $runs[$i - 1].ExportedThrough
            $runs[$i].ExportedThrough | Should -BeGreaterThan $runs[$i - 1].ExportedThrough
        }
        ($runs | Select-Object -Skip 1 | Measure-Object -Property Messages -Sum).Sum | Should -BeGreaterThan 20 -Because 'the live mode wrote new messages between the runs'
        $checkpoint = Get-Checkpoint -Folder $folder
        $truth = Get-GroundTruth
        Assert-ExactlyOnce -Exported (Get-ExportedId -Folder $folder -Kind messages) -Expected (Get-ExpectedId -Truth $truth -Checkpoint $checkpoint -Kind messages) -Because 'ten runs'
        Assert-ExactlyOnce -Exported (Get-ExportedId -Folder $folder -Kind sessions) -Expected (Get-ExpectedId -Truth $truth -Checkpoint $checkpoint -Kind sessions) -Because 'ten runs'
        ($runs | Measure-Object -Property Messages -Sum).Sum | Should -Be $checkpoint.messagesExported
    }

    It '-UseMessagesV2 exports what getMessagesV2 returns, in fewer requests' {
        $folder = Join-Path $TestDrive 'v2'
        $since = [datetime]::UtcNow.AddDays(-1)
        $summary = Export-KoreHistory -Path $folder -From $since -SettleTime $settle -UseMessagesV2
        $summary.StopReason | Should -Be 'Completed'
        $checkpoint = Get-Checkpoint -Folder $folder
        $through = [datetime]::Parse($checkpoint.messages.through, [cultureinfo]::InvariantCulture, 'RoundtripKind')
        $expected = @(Get-KoreMessage -From ([datetime]::Parse($checkpoint.from, [cultureinfo]::InvariantCulture, 'RoundtripKind')) -To $through -UseMessagesV2).MessageId
        Assert-ExactlyOnce -Exported (Get-ExportedId -Folder $folder -Kind messages) -Expected $expected -Because 'getMessagesV2'
        $summary.Requests | Should -BeLessThan ($expected.Count / 100)
    }

    It '-WhatIf says what each bot would read, from its checkpoint or -From, and writes nothing' {
        $folder = Join-Path $TestDrive 'whatif'
        $said = Invoke-WhatIf -Folder $folder -Arguments ("-From '{0:o}'" -f $from)
        $said | Should -Match ([regex]::Escape("What if: Performing the operation ""Export the sessions and messages of bot $($emulator.BotId) from"))
        $said | Should -Match '\(-From\)'
        Test-Path -LiteralPath $folder | Should -BeFalse

        $null = Export-KoreHistory -Path $folder -From $from -SettleTime $settle
        $checkpoint = Get-Checkpoint -Folder $folder
        $again = Invoke-WhatIf -Folder $folder -Arguments "-SettleTime '00:00:00'"
        $again | Should -Match ([regex]::Escape("messages from $($checkpoint.messages.through) (its checkpoint)"))
        (Get-Checkpoint -Folder $folder).committedAt | Should -Be $checkpoint.committedAt
    }

    It 'a first run without -From is refused before anything is written, and so is another format in the same folder' {
        $folder = Join-Path $TestDrive 'refused'
        { Export-KoreHistory -Path $folder -ErrorAction Stop } | Should -Throw -ErrorId 'KoreExportNeedsFrom,*'
        Test-Path -LiteralPath $folder | Should -BeFalse
        $null = Export-KoreHistory -Path $folder -From $from -SettleTime $settle
        { Export-KoreHistory -Path $folder -Format Csv -ErrorAction Stop } | Should -Throw -ErrorId 'KoreExportFolderInvalid,*'
        # The refused run's summary claims no position it never read.
        $refused = [System.Collections.Generic.List[object]]::new()
        try { Export-KoreHistory -Path $folder -Format Csv | ForEach-Object { $refused.Add($_) } } catch { }
        $refused | Should -HaveCount 1
        $refused = $refused[0]
        $refused.StopReason | Should -Be 'Failed'
        $refused.ExportedThrough | Should -BeNullOrEmpty
        ($refused | Format-Table | Out-String) | Should -Not -Match '0001-01-01'
    }

    It 'CSV files have the columns of Get-KoreMessage | Export-Csv, with ISO 8601 UTC times to the millisecond' {
        $folder = Join-Path $TestDrive 'csv-columns'
        $summary = Export-KoreHistory -Path $folder -From ([datetime]::UtcNow.AddHours(-12)) -SettleTime $settle -Format Csv
        $file = Join-Path $summary.Folder ($summary.Files -like 'messages/*')[0]
        $header = (Get-Content -LiteralPath $file -TotalCount 1)
        $header | Should -Be (Get-KoreMessage -First 1 | ConvertTo-Csv -NoTypeInformation)[0]
        $rows = @(Import-Csv -LiteralPath $file)
        $rows.Time | Should -Match '^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$'
        $message = Get-KoreMessage -SessionId $rows[0].SessionId | Where-Object MessageId -eq $rows[0].MessageId
        $rows[0].Text | Should -Be $message.Text
        $rows[0].Time | Should -Be $message.Time.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'")
        $sessionsFile = Join-Path $summary.Folder ($summary.Files -like 'sessions/*')[0]
        (Get-Content -LiteralPath $sessionsFile -TotalCount 1) | Should -Be (Get-KoreSession -First 1 | ConvertTo-Csv -NoTypeInformation)[0]
    }
}

Describe 'Export-KoreHistory for schedulers' {
    It 'two bots export concurrently, each into its own folder with its own checkpoint, and the lock refuses a second run' {
        $otherBotId | Should -Match '^st-'
        $admin = Connect-KoreBot -AdminConsole -ClientId $emulator.AdminClientId -BaseUri $emulator.BaseUri @pacing -PassThru -Quiet `
            -ClientSecret (ConvertTo-SecureString -String $emulator.AdminClientSecret -AsPlainText -Force)
        Connect-Emulator    # the session's connection again; the admin one is passed with -Connection
        $folder = Join-Path $TestDrive 'two-bots'
        $summaries = @(Export-KoreHistory -Path $folder -BotId $emulator.BotId, $otherBotId -From $from -SettleTime $settle -Connection $admin -MaxRequests 500)
        $summaries.BotId | Should -Be @($emulator.BotId, $otherBotId)
        $summaries.StopReason | Sort-Object -Unique | Should -Be 'Completed'
        foreach ($bot in $emulator.BotId, $otherBotId) {
            $checkpoint = Get-Checkpoint -Folder $folder -BotId $bot
            $checkpoint.botId | Should -Be $bot
            $truth = Get-GroundTruth -BotId $bot
            Assert-ExactlyOnce -Exported (Get-ExportedId -Folder $folder -Kind messages -BotId $bot) -Expected (Get-ExpectedId -Truth $truth -Checkpoint $checkpoint -Kind messages) -Because $bot
            Assert-ExactlyOnce -Exported (Get-ExportedId -Folder $folder -Kind sessions -BotId $bot) -Expected (Get-ExpectedId -Truth $truth -Checkpoint $checkpoint -Kind sessions) -Because $bot
        }

        # Without -BotId, an admin connection exports the bots the folder already holds.
        (Export-KoreHistory -Path $folder -SettleTime $settle -Connection $admin).BotId | Should -Be @($emulator.BotId, $otherBotId)

        # A run in another process holds the folder (paced to 5 requests a minute, it runs for minutes): this one is
        # refused at once. Killed, that run leaves its lock file behind, and the next run is not blocked by it.
        $lockFolder = Join-Path $TestDrive 'locked'
        $child = Start-ChildExport -Folder $lockFolder -Format JsonLines -PerMinute 5
        try {
            $owner = Join-Path $lockFolder '.korehistory-export.owner'
            $until = [datetime]::UtcNow.AddSeconds(30)
            while (-not ((Test-Path -LiteralPath $owner) -and (Get-Content -LiteralPath $owner -Raw) -match "process $($child.Process.Id) ")) {
                if ($child.Process.HasExited) {
                    # Its output is complete only once it has exited: read it only then.
                    throw "The other run ended before it took the lock: $($child.Errors.Result + $child.Output.Result)"
                }
                [datetime]::UtcNow | Should -BeLessThan $until
                Start-Sleep -Milliseconds 20
            }
            $refused = $null
            try { $null = Export-KoreHistory -Path $lockFolder -BotId $emulator.BotId -From $from -SettleTime $settle -Connection $admin -ErrorAction Stop } catch { $refused = $_ }
            $child.Process.HasExited | Should -BeFalse -Because 'the other run was still exporting'
            $refused | Should -Not -BeNullOrEmpty
            $refused.FullyQualifiedErrorId | Should -BeLike 'KoreExportLocked,*'
            $refused.CategoryInfo.Category | Should -Be 'ResourceBusy'
            $refused.Exception.Message | Should -Match "process $($child.Process.Id) "
        }
        finally {
            $child.Process.Kill()
            $child.Process.WaitForExit()
        }
        Test-Path -LiteralPath (Join-Path $lockFolder '.korehistory-export.lock') | Should -BeTrue
        $after = Export-KoreHistory -Path $lockFolder -BotId $emulator.BotId -From $from -SettleTime $settle -Connection $admin
        $after.StopReason | Should -Be 'Completed'
    }

    It 'a failing run ends pwsh -File with a non-zero exit code and leaves the checkpoint at its last commit' {
        $folder = Join-Path $TestDrive 'failing'
        $null = Export-KoreHistory -Path $folder -From $from -SettleTime $settle
        $before = Get-Content -LiteralPath (Join-Path $folder "$botFolderName/checkpoint.json") -Raw
        Start-Sleep -Milliseconds 1500

        $child = Start-ChildExport -Folder $folder -Format JsonLines -Secret ('rotated-' + [guid]::NewGuid().ToString('n') + '-0123456789abcdef0123456789')
        $child.Process.WaitForExit(60000) | Should -BeTrue
        $child.Process.ExitCode | Should -Not -Be 0
        ($child.Errors.Result + $child.Output.Result) | Should -Match 'KoreAuthenticationFailed|Invalid'
        Get-Content -LiteralPath (Join-Path $folder "$botFolderName/checkpoint.json") -Raw | Should -Be $before
    }

    It 'a summary per bot says what the run did, in a table and as JSON' {
        $folder = Join-Path $TestDrive 'summary'
        $summary = Export-KoreHistory -Path $folder -From ([datetime]::UtcNow.AddHours(-6)) -SettleTime $settle
        $summary.PSObject.TypeNames[0] | Should -Be 'KoreHistory.KoreExportSummary'
        $summary.Complete | Should -BeTrue
        $summary.Messages | Should -BeGreaterThan 0
        $summary.Requests | Should -BeGreaterThan 0
        $summary.Files | Should -Contain ('messages/{0:yyyy-MM-dd}.jsonl' -f $summary.To)
        $summary.To | Should -BeLessThan ([datetime]::UtcNow.AddSeconds(-3))
        $table = $summary | Format-Table | Out-String
        $table | Should -Match 'ExportedThrough \(UTC\)'
        $table | Should -Match 'Completed'
        ($summary | ConvertTo-Json | ConvertFrom-Json).Messages | Should -Be $summary.Messages
    }
}

Describe 'Export-KoreHistory within a request budget' {
    BeforeAll {
        # A larger history without delays: a budget of 50 requests ends well before its end.
        $large = Start-KoreEmulator -EmulatorPath $emulatorPath -ArgumentList @('--sessions', '1000', '--days', '3', '--seed', '22', '--per-minute', '100000', '--per-hour', '1000000')
        $largeConnection = Connect-KoreBot -BotId $large.BotId -ClientId $large.ClientId -BaseUri $large.BaseUri @pacing -PassThru -Quiet `
            -ClientSecret (ConvertTo-SecureString -String $large.ClientSecret -AsPlainText -Force)
    }

    AfterAll {
        Stop-KoreEmulator -Emulator $large
    }

    It '-MaxRequests 50 stops at a commit, and the next run continues to the end' {
        $folder = Join-Path $TestDrive 'budget'
        $first = Export-KoreHistory -Path $folder -From ([datetime]::UtcNow.AddDays(-3)) -MaxRequests 50 -Connection $largeConnection
        $first.StopReason | Should -Be 'MaxRequests'
        $first.Complete | Should -BeFalse
        # At most the budget (a read-ahead request cancelled before it was sent is not counted).
        $first.Requests | Should -BeLessOrEqual 50
        $first.Requests | Should -BeGreaterThan 45
        $first.Messages | Should -BeGreaterThan 1000
        # Stopped at a commit: every file is exactly as long as the checkpoint says.
        $checkpoint = Get-Content -LiteralPath (Join-Path $folder "$($large.BotId)/checkpoint.json") -Raw | ConvertFrom-Json -AsHashtable
        foreach ($file in $checkpoint.files.Keys) {
            (Get-Item -LiteralPath (Join-Path $folder "$($large.BotId)/$file")).Length | Should -Be $checkpoint.files[$file]
        }
        $checkpoint.messagesExported | Should -Be $first.Messages

        $second = Export-KoreHistory -Path $folder -Connection $largeConnection
        $second.StopReason | Should -Be 'Completed'
        $second.From | Should -Be $first.ExportedThrough
        $truth = Get-GroundTruth -BotId $large.BotId -Emulator $large
        $final = Get-Checkpoint -Folder $folder -BotId $large.BotId
        Assert-ExactlyOnce -Exported (Get-ExportedId -Folder $folder -Kind messages -BotId $large.BotId) -Expected (Get-ExpectedId -Truth $truth -Checkpoint $final -Kind messages) -Because 'two runs'
        Assert-ExactlyOnce -Exported (Get-ExportedId -Folder $folder -Kind sessions -BotId $large.BotId) -Expected (Get-ExpectedId -Truth $truth -Checkpoint $final -Kind sessions) -Because 'two runs'
    }
}
