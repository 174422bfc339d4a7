# Issue 12 as a user meets it, end to end through the built module: input a hostile or careless caller gives is
# refused before any request, and what a hostile or broken server sends (a lone surrogate in one message, escape
# sequences in an error, a body past the size cap, a proxy in HTTP_PROXY) never ends an export it need not end,
# never reaches the terminal, never takes the machine's memory and never carries the token past the host. The same
# rules, row by row, are checked by xunit in tests/KoreHistory.Client.Tests/Hostile.

BeforeAll {
    . (Join-Path $PSScriptRoot 'TestSetup.ps1') -EmulatorArguments '--sessions', '100', '--days', '5', '--seed', '12'

    # A loopback server (127.0.0.1, port 0) that answers every request with the same bytes, and counts the requests
    # and whether they carried the auth header. It runs in a runspace of its own until Stop-HostileServer.
    function Start-HostileServer {
        param([int] $Status, [byte[]] $Body, [hashtable] $Headers = @{ 'Content-Type' = 'application/json' })
        $listener = [System.Net.Sockets.TcpListener]::new([System.Net.IPAddress]::Loopback, 0)
        $listener.Start()
        $seen = [System.Collections.Concurrent.ConcurrentQueue[string]]::new()
        $head = "HTTP/1.1 $Status Hostile`r`n"
        foreach ($name in $Headers.Keys) { $head += "${name}: $($Headers[$name])`r`n" }
        $head += "Content-Length: $($Body.Length)`r`nConnection: close`r`n`r`n"
        $response = [byte[]]([System.Text.Encoding]::ASCII.GetBytes($head) + $Body)
        $runner = [powershell]::Create()
        $null = $runner.AddScript({
            param($listener, $response, $seen)
            while ($true) {
                try { $client = $listener.AcceptTcpClient() } catch { break }
                try {
                    $stream = $client.GetStream()
                    $request = [System.Text.StringBuilder]::new()
                    while (-not $request.ToString().EndsWith("`r`n`r`n")) {
                        $byte = $stream.ReadByte()
                        if ($byte -lt 0) { break }
                        $null = $request.Append([char]$byte)
                    }
                    $text = $request.ToString()
                    if ($text -match '(?im)^content-length:\s*(\d+)') {
                        $buffer = [byte[]]::new([int]$Matches[1])
                        $read = 0
                        while ($read -lt $buffer.Length) { $read += $stream.Read($buffer, $read, $buffer.Length - $read) }
                    }
                    $seen.Enqueue($text)
                    $stream.Write($response, 0, $response.Length)
                    $stream.Flush()
                }
                catch { }
                finally { $client.Dispose() }
            }
        }).AddArgument($listener).AddArgument($response).AddArgument($seen)
        $handle = $runner.BeginInvoke()
        [pscustomobject]@{
            BaseUri = [uri]"http://127.0.0.1:$($listener.LocalEndpoint.Port)/"
            Listener = $listener; Runner = $runner; Handle = $handle; Seen = $seen
        }
    }

    function Stop-HostileServer {
        param($Server)
        $Server.Listener.Stop()
        $null = $Server.Handle.AsyncWaitHandle.WaitOne(5000)
        $Server.Runner.Dispose()
    }

    # Without the credential check: each hostile server answers every request with its one fault.
    function Connect-Hostile {
        param($Server)
        Connect-KoreBot -BotId 'st-00000000-0000-4000-8000-0000000000b0' -ClientId 'cs-hostile' -ClientSecret $clientSecret `
            -BaseUri $Server.BaseUri @pacing -SkipCredentialCheck -Quiet
    }

    # A getMessages page of three messages, newest first, the second with the given data.text (JSON as written).
    function New-Page {
        param([string] $SecondText)
        $messages = foreach ($i in 0..2) {
            $text = if ($i -eq 1) { $SecondText } else { '"hello"' }
            $time = [datetime]::new(2026, 5, 1, 12, 0, 0, 0, [DateTimeKind]::Utc).AddMinutes(-$i)
            '{"_id":"ms-' + $i + '","type":"outgoing","createdOn":"' + $time.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'") +
                '","timestampValue":' + ([DateTimeOffset]$time).ToUnixTimeMilliseconds() +
                ',"sessionId":"65f0c1e2a3b4c5d6e7f80912","chnl":"rtm","components":[{"cT":"text","data":{"text":' + $text + '}}]}'
        }
        [System.Text.Encoding]::UTF8.GetBytes('{"total":3,"moreAvailable":false,"messages":[' + ($messages -join ',') + ']}')
    }

    $window = @{
        From = [datetime]::new(2026, 5, 1, 0, 0, 0, 0, [DateTimeKind]::Utc)
        To = [datetime]::new(2026, 5, 2, 0, 0, 0, 0, [DateTimeKind]::Utc)
    }
}

AfterAll {
    Complete-TestSetup
}

Describe 'Hostile input' {
    BeforeAll {
        Connect-Emulator
    }

    It 'refuses -BotId <BotId> before any request, so no request can reach another route' -ForEach @(
        @{ BotId = '..' }, @{ BotId = '.' }, @{ BotId = 'st-..' }
    ) {
        $connect = Invoke-Captured -ScriptBlock { Connect-KoreBot -BotId $BotId -ClientId cs-x -ClientSecret $clientSecret -BaseUri $emulator.BaseUri }
        $read = Invoke-Captured -ScriptBlock { Get-KoreMessage -BotId $BotId -ErrorAction Stop }
        foreach ($result in $connect, $read) {
            $result.Error.FullyQualifiedErrorId | Should -BeLike 'KoreInvalidArgument,*'
            $result.Error.Exception.Message | Should -BeLike "BotId '$BotId' is malformed: a bot id is st- followed by letters, digits, - and _*"
            @($result.Lines | Where-Object { $_ -match '^POST /api/' }) | Should -HaveCount 0
        }
        (Get-KoreConnection).BotId | Should -Be $emulator.BotId
    }

    It 'refuses a -BaseUri with a user name and password, and never shows the password' {
        $result = Invoke-Captured -ScriptBlock {
            Connect-KoreBot -BotId st-x -ClientId cs-x -ClientSecret $clientSecret -BaseUri 'https://admin:pa55word@platform.kore.ai'
        }
        $result.Error.FullyQualifiedErrorId | Should -BeLike 'KoreInvalidArgument,*'
        $result.Error.Exception.Message | Should -Be "BaseUri must not carry a user name or password (the part before @): Kore.ai authenticates with the app's client id and secret. Give the host alone."
        ($result.Error | Out-String) + ($result.Lines -join "`n") | Should -Not -Match 'pa55word'
        (Get-KoreConnection).BaseUri.Authority | Should -Be $emulator.BaseUri.Authority
    }

    It 'refuses -From 0001-01-01 -To 0001-01-02 as an argument error before any request' {
        $result = Invoke-Captured -ScriptBlock { Get-KoreMessage -From 0001-01-01 -To 0001-01-02 -ErrorAction Stop }
        $result.Error.FullyQualifiedErrorId | Should -BeLike 'KoreInvalidArgument,*'
        $result.Error.Exception.Message | Should -BeLike 'From (0001-01-01T*) is out of range: Kore.ai keeps no history from before 2010-01-01*'
        @($result.Lines | Where-Object { $_ -match '^POST /api/' }) | Should -HaveCount 0
    }

    It 'refuses a -To in year 9999 as an argument error' {
        $result = Invoke-Captured -ScriptBlock { Get-KoreSession -From 9998-12-30 -To 9999-06-01 -ErrorAction Stop }
        $result.Error.FullyQualifiedErrorId | Should -BeLike 'KoreInvalidArgument,*'
        $result.Error.Exception.Message | Should -BeLike 'To (9999-*) is out of range:*'
    }
}

Describe 'Hostile servers' {
    It 'reads a message with a lone surrogate ("\ud83d", a cut emoji) as U+FFFD and exports the rest' {
        $server = Start-HostileServer -Status 200 -Body (New-Page -SecondText '"a cut emoji \ud83d here"')
        try {
            Connect-Hostile -Server $server
            $messages = @(Get-KoreMessage @window -ErrorAction Stop)
            $messages | Should -HaveCount 3
            $messages[1].Text | Should -Be "a cut emoji $([char]0xFFFD) here"
            $csv = $messages | ConvertTo-Csv -NoTypeInformation
            $csv | Should -HaveCount 4
        }
        finally {
            Disconnect-KoreBot
            Stop-HostileServer -Server $server
        }
    }

    It 'removes escape sequences and control characters from the API error it shows' {
        $error412 = '{"errors":[{"msg":"\u001b[31mbad\u001b[0m argument\u0007\u001b]0;owned\u0007","code":412}]}'
        $server = Start-HostileServer -Status 400 -Body ([System.Text.Encoding]::UTF8.GetBytes($error412))
        try {
            Connect-Hostile -Server $server
            $result = Invoke-Captured -ScriptBlock { Get-KoreMessage @window -ErrorAction Stop }
            $result.Error.FullyQualifiedErrorId | Should -BeLike 'KoreRejectedByApi,*'
            $result.Error.Exception.Message | Should -BeLike '*The API said: "bad argument". Request: POST /api/public/bot/*/getMessages.'
            $result.Error.Exception.ApiMessage | Should -Be 'bad argument'
            $shown = $result.Error.Exception.Message + $result.Error.Exception.ApiMessage + [string]$result.Error.ErrorDetails
            $shown | Should -Not -Match '[\x00-\x1f\x7f]'
        }
        finally {
            Disconnect-KoreBot
            Stop-HostileServer -Server $server
        }
    }

    It 'ends the read at the size cap when a small gzip body expands past it, after one request' {
        # 100 MB of spaces, gzip-compressed to about 100 kB, after the opening of a page.
        $compressed = [System.IO.MemoryStream]::new()
        $gzip = [System.IO.Compression.GZipStream]::new($compressed, [System.IO.Compression.CompressionLevel]::Optimal)
        $opening = [System.Text.Encoding]::ASCII.GetBytes('{"total":1,"moreAvailable":false,"messages":[')
        $gzip.Write($opening, 0, $opening.Length)
        $spaces = [System.Text.Encoding]::ASCII.GetBytes(' ' * 1MB)
        foreach ($i in 1..100) { $gzip.Write($spaces, 0, $spaces.Length) }
        $gzip.Dispose()
        $server = Start-HostileServer -Status 200 -Body $compressed.ToArray() -Headers @{ 'Content-Type' = 'application/json'; 'Content-Encoding' = 'gzip' }
        try {
            Connect-Hostile -Server $server
            $result = Invoke-Captured -ScriptBlock { Get-KoreMessage @window -ErrorAction Stop }
            $result.Error.FullyQualifiedErrorId | Should -BeLike 'KoreUnexpectedResponse,*'
            $result.Error.Exception.Message | Should -BeLike "The API's answer was refused (not retried): the response was cut at 64 MB, more than any real page holds*"
            @($result.Lines | Where-Object { $_ -match '^POST /api/' }) | Should -HaveCount 1
            $server.Seen.Count | Should -Be 1
        }
        finally {
            Disconnect-KoreBot
            Stop-HostileServer -Server $server
        }
    }

    It 'never sends the token through HTTP_PROXY to a loopback http host' {
        $proxy = Start-HostileServer -Status 502 -Body ([System.Text.Encoding]::UTF8.GetBytes('{"errors":[{"msg":"proxy","code":502}]}'))
        $previous = $env:HTTP_PROXY
        try {
            # .NET reads HTTP_PROXY once per process: the read runs in a child pwsh started with it set.
            $env:HTTP_PROXY = $proxy.BaseUri.ToString()
            $script = @"
Import-Module '$manifestPath'
`$secret = ConvertTo-SecureString -String '$($emulator.ClientSecret)' -AsPlainText -Force
Connect-KoreBot -BotId '$($emulator.BotId)' -ClientId '$($emulator.ClientId)' -ClientSecret `$secret -BaseUri '$($emulator.BaseUri)' -RequestsPerMinute 100000 -RequestsPerHour 1000000
@(Get-KoreSession -First 3 -ErrorAction Stop).Count
"@
            $output = Invoke-ChildPwsh -NoProfile -NonInteractive -Command $script 2>&1
            $LASTEXITCODE | Should -Be 0 -Because ($output | Out-String)
            [int]($output | Select-Object -Last 1) | Should -Be 3
            $proxy.Seen.Count | Should -Be 0
        }
        finally {
            $env:HTTP_PROXY = $previous
            Stop-HostileServer -Server $proxy
        }
    }
}
