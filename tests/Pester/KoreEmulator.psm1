# Starts and stops the KoreHistory emulator (out/emulator/KoreHistory.Emulator.dll) as a child process, for the
# Pester suite and build.ps1 Demo. Works in Windows PowerShell 5.1 and PowerShell 7.
Set-StrictMode -Version 3.0

function Start-KoreEmulator {
    <#
    .SYNOPSIS
    Starts the emulator on a free loopback port and returns its base URL, bot id and demo credentials.
    .DESCRIPTION
    The emulator's output goes to a file (a redirected pipe that nobody reads would fill up and stall it). The
    function waits until the start-up banner, printed once Kestrel has bound its port, is complete, then parses it.
    #>
    [CmdletBinding()]
    [OutputType([pscustomobject])]
    param(
        [Parameter(Mandatory = $true)]
        [string] $EmulatorPath,

        [string[]] $ArgumentList = @(),

        [int] $TimeoutSeconds = 60
    )

    if (-not (Test-Path -LiteralPath $EmulatorPath -PathType Leaf)) {
        throw "The emulator is not built: '$EmulatorPath' does not exist. Run ./build.ps1 Build first; it publishes the emulator to out/emulator."
    }

    $logDirectory = Join-Path ([System.IO.Path]::GetTempPath()) ('korehistory-emulator-' + [guid]::NewGuid().ToString('n'))
    $null = New-Item -ItemType Directory -Path $logDirectory
    $stdoutPath = Join-Path $logDirectory 'stdout.txt'
    $stderrPath = Join-Path $logDirectory 'stderr.txt'
    $quotedPath = '"' + $EmulatorPath + '"'
    $arguments = @($quotedPath, '--urls', 'http://127.0.0.1:0') + $ArgumentList
    $process = Start-Process -FilePath 'dotnet' -ArgumentList $arguments -RedirectStandardOutput $stdoutPath `
        -RedirectStandardError $stderrPath -NoNewWindow -PassThru

    $deadline = (Get-Date).AddSeconds($TimeoutSeconds)
    $banner = ''
    while ($true) {
        $text = ''
        if (Test-Path -LiteralPath $stdoutPath) {
            $text = [string](Get-Content -LiteralPath $stdoutPath -Raw -ErrorAction SilentlyContinue)
        }
        # The last banner line, complete with its line end.
        if ($text -match 'Admin client secret:[ \t]*\S+[ \t]*\r?\n') {
            $banner = $text
            break
        }
        if ($process.HasExited) {
            $errors = [string](Get-Content -LiteralPath $stderrPath -Raw -ErrorAction SilentlyContinue)
            throw "The emulator exited (exit code $($process.ExitCode)) before it was ready. Its output: $text $errors"
        }
        if ((Get-Date) -gt $deadline) {
            Stop-Process -Id $process.Id -Force -ErrorAction SilentlyContinue
            throw "The emulator printed no start-up banner within $TimeoutSeconds seconds. Its output so far: $text"
        }
        Start-Sleep -Milliseconds 200
    }

    $values = @{}
    foreach ($label in 'Base URL', 'Bot id', 'Client id', 'Client secret', 'Admin client id', 'Admin client secret') {
        $match = [regex]::Match($banner, '(?m)^\s*' + [regex]::Escape($label) + ':[ \t]*(\S+)')
        if (-not $match.Success) {
            Stop-Process -Id $process.Id -Force -ErrorAction SilentlyContinue
            throw "The emulator's banner has no '$label' line: $banner"
        }
        $values[$label] = $match.Groups[1].Value
    }

    [pscustomobject]@{
        Process           = $process
        BaseUri           = [uri]$values['Base URL']
        BotId             = $values['Bot id']
        ClientId          = $values['Client id']
        ClientSecret      = $values['Client secret']
        AdminClientId     = $values['Admin client id']
        AdminClientSecret = $values['Admin client secret']
        LogDirectory      = $logDirectory
    }
}

function Stop-KoreEmulator {
    <#
    .SYNOPSIS
    Stops an emulator started by Start-KoreEmulator (by its process) and removes its output files.
    #>
    [CmdletBinding()]
    param(
        [Parameter(Mandatory = $true)]
        [AllowNull()]
        [object] $Emulator
    )

    if ($null -eq $Emulator) {
        return
    }
    $process = $Emulator.Process
    if (-not $process.HasExited) {
        Stop-Process -Id $process.Id -Force -ErrorAction SilentlyContinue
        $null = $process.WaitForExit(10000)
    }
    Remove-Item -LiteralPath $Emulator.LogDirectory -Recurse -Force -ErrorAction SilentlyContinue
}

Export-ModuleMember -Function Start-KoreEmulator, Stop-KoreEmulator
