# Issue 13 item 9: the emulator as a command-line tool, run as a user runs it (dotnet out/emulator/KoreHistory.Emulator.dll):
# --help, clear errors and exit codes for bad options and a port in use, a banner that lists every bot it serves, and a
# README that links nothing outside the repository.

BeforeAll {
    . (Join-Path $PSScriptRoot 'TestSetup.ps1') -EmulatorArguments '--sessions', '60', '--days', '10'

    # Runs the emulator to its end; returns its exit code and what it wrote to stdout and stderr.
    function Invoke-Emulator {
        param([string[]] $ArgumentList, [int] $TimeoutSeconds = 60)
        $start = [System.Diagnostics.ProcessStartInfo]::new('dotnet')
        $start.ArgumentList.Add($emulatorPath)
        foreach ($argument in $ArgumentList) {
            $start.ArgumentList.Add($argument)
        }
        $start.RedirectStandardOutput = $true
        $start.RedirectStandardError = $true
        $start.UseShellExecute = $false
        $process = [System.Diagnostics.Process]::Start($start)
        try {
            $stdout = $process.StandardOutput.ReadToEndAsync()
            $stderr = $process.StandardError.ReadToEndAsync()
            if (-not $process.WaitForExit($TimeoutSeconds * 1000)) {
                $process.Kill($true)
                throw "The emulator did not exit within $TimeoutSeconds s: $($stdout.Result) $($stderr.Result)"
            }
            [pscustomobject]@{ ExitCode = $process.ExitCode; Output = $stdout.Result; Errors = $stderr.Result }
        }
        finally {
            $process.Dispose()
        }
    }
}

AfterAll {
    Complete-TestSetup
}

Describe 'The emulator command line' {
    It 'prints every option with its meaning and default for --help, and exits 0' {
        $run = Invoke-Emulator -ArgumentList '--help'
        $run.ExitCode | Should -Be 0
        $run.Errors | Should -BeNullOrEmpty
        $options = [regex]::Matches($run.Output, '(?m)^  (--[a-z-]+)').ForEach({ $_.Groups[1].Value })
        $options | Should -Contain '--sessions'
        $options | Should -Contain '--fault-kinds'
        $options | Should -Contain '--no-session-id-filter'
        $options | Should -Contain '--limit-cap'
        $options | Should -Contain '--help'
        # Every option but --help is followed by its default.
        ([regex]::Matches($run.Output, '(?m)^ +Default: ')).Count | Should -Be ($options.Count - 1)
        $run.Output | Should -Match 'Default: 2000'
        $run.Output | Should -Match 'Exit codes: 0 .*, 2 bad command line, 3 cannot listen'
    }

    It 'refuses <Name> with one error line, the way to help, and exit code 2' -ForEach @(
        @{ Name = 'an unknown option'; Arguments = @('--bogus'); Message = 'error: Unknown option --bogus.' }
        @{ Name = 'a value that is no number'; Arguments = @('--seed', 'seven'); Message = "error: Option --seed needs a whole number, not 'seven'." }
        @{ Name = 'an option without its value'; Arguments = @('--days'); Message = 'error: Option --days needs a value (N).' }
        @{ Name = 'a switch with a bad value'; Arguments = @('--inclusive-date-to=maybe'); Message = "error: Option --inclusive-date-to is a switch*" }
    ) {
        $run = Invoke-Emulator -ArgumentList $Arguments
        $run.ExitCode | Should -Be 2
        $lines = @($run.Errors -split '\r?\n' | Where-Object { $_ })
        $lines[0] | Should -BeLike $Message
        $lines[1] | Should -Be 'Run with --help for every option, its meaning and its default.'
        $lines | Should -HaveCount 2
        $run.Output | Should -BeNullOrEmpty
    }

    It 'says that a port is in use, without a stack trace, and exits 3' {
        $holder = [System.Net.Sockets.TcpListener]::new([System.Net.IPAddress]::Loopback, 0)
        $holder.Start()
        try {
            $port = $holder.LocalEndpoint.Port
            $run = Invoke-Emulator -ArgumentList '--urls', "http://127.0.0.1:$port", '--sessions', '10'
        }
        finally {
            $holder.Stop()
        }
        $run.ExitCode | Should -Be 3
        $run.Errors | Should -Match "error: Failed to bind to address http://127.0.0.1:${port}: address already in use\. Give another port with --urls"
        $run.Errors | Should -Not -Match '(?m)^\s+at '
        $run.Output | Should -BeNullOrEmpty
    }
}

Describe 'The emulator banner' {
    BeforeAll {
        $banner = Get-Content -LiteralPath (Join-Path $emulator.LogDirectory 'stdout.txt') -Raw
        $others = [regex]::Match($banner, '(?m)^  Other bot ids:\s+(.+?) \(admin-console app only\)\s*$').Groups[1].Value -split ', '
    }

    It 'keeps the lines scripts parse, the admin secret last' {
        foreach ($label in 'Base URL', 'Bot id', 'Client id', 'Client secret', 'Admin client id') {
            $banner | Should -Match "(?m)^  ${label}:\s+\S+"
        }
        ($banner.TrimEnd() -split '\r?\n')[-1] | Should -Match '^  Admin client secret:\s+\S+$'
    }

    It 'lists every other bot it serves, and the admin app reads them' {
        $others | Should -HaveCount 2
        $others | ForEach-Object { $_ | Should -Match '^st-' }
        $admin = Connect-KoreBot -AdminConsole -ClientId $emulator.AdminClientId -BaseUri $emulator.BaseUri @pacing -PassThru `
            -ClientSecret (ConvertTo-SecureString -String $emulator.AdminClientSecret -AsPlainText -Force)
        foreach ($bot in $others) {
            @(Get-KoreSession -BotId $bot -Connection $admin -From (Get-Date).AddDays(-11) -To (Get-Date).AddMinutes(1)).Count | Should -BeGreaterThan 0
        }
    }

    It 'names a platform variant when one is set' {
        $variant = Start-KoreEmulator -EmulatorPath $emulatorPath -ArgumentList '--sessions', '10', '--no-session-id-filter', '--post-defaults-to-rtm'
        try {
            $text = Get-Content -LiteralPath (Join-Path $variant.LogDirectory 'stdout.txt') -Raw
            $text | Should -Match '(?m)^  Platform variant:\s+no getSessions sessionId filter \(before v10\.1\.3\), POST getMessages defaults to rtm\s*$'
        }
        finally {
            Stop-KoreEmulator -Emulator $variant
        }
    }
}

Describe 'The emulator README' {
    It 'links no file outside the repository' {
        $readme = Join-Path $repositoryRoot 'src/KoreHistory.Emulator/README.md'
        $text = Get-Content -LiteralPath $readme -Raw
        $text | Should -Not -Match '/work/'
        $links = [regex]::Matches($text, '\]\(([^)#\s]+)').ForEach({ $_.Groups[1].Value }) | Where-Object { $_ -notmatch '^[a-z]+://' }
        foreach ($link in $links) {
            $target = [System.IO.Path]::GetFullPath((Join-Path (Split-Path -Parent $readme) $link))
            $target | Should -BeLike ("$repositoryRoot*") -Because "$link is a link of the emulator's README"
            Test-Path -LiteralPath $target | Should -BeTrue -Because "$link is a link of the emulator's README"
        }
    }
}
