<#
.SYNOPSIS
One scenario of issue 7, run by KoreHistory.Tests.ps1 in a fresh pwsh: KoreHistory beside an older
System.IdentityModel.Tokens.Jwt (and its Microsoft.IdentityModel.* companions) loaded with Add-Type -Path.
.DESCRIPTION
OtherFirst: Add-Type -Path the older assemblies and use their token handler, then import KoreHistory, connect to the
emulator and read. ModuleFirst: the same, in the other order. Either way both must work. Prints, as its last line, a
JSON report: the session ids read, the issuer the older handler validated, and every loaded copy of the watched
assemblies with its AssemblyLoadContext. The emulator's address and credentials come in KORE_* environment variables.
Not a *.Tests.ps1 file: Pester does not discover it.
#>
param(
    [Parameter(Mandatory = $true)]
    [ValidateSet('OtherFirst', 'ModuleFirst')]
    [string] $Order,

    [Parameter(Mandatory = $true)]
    [string] $ManifestPath,

    # The older assemblies' paths, joined with [System.IO.Path]::PathSeparator (pwsh -File takes one string here).
    [Parameter(Mandatory = $true)]
    [string] $OlderAssemblyPaths
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version 3.0

function Use-OlderTokenHandler {
    Add-Type -Path ($OlderAssemblyPaths -split [regex]::Escape([System.IO.Path]::PathSeparator))
    $key = [Microsoft.IdentityModel.Tokens.SymmetricSecurityKey]::new([System.Text.Encoding]::UTF8.GetBytes('an older module''s signing key of 32+ bytes'))
    $signing = [Microsoft.IdentityModel.Tokens.SigningCredentials]::new($key, 'HS256')
    $handler = [System.IdentityModel.Tokens.Jwt.JwtSecurityTokenHandler]::new()
    $token = $handler.WriteToken([System.IdentityModel.Tokens.Jwt.JwtSecurityToken]::new(
            'older-module', 'pester', $null, $null, [datetime]::UtcNow.AddMinutes(5), $signing))
    $validation = [Microsoft.IdentityModel.Tokens.TokenValidationParameters]::new()
    $validation.ValidIssuer = 'older-module'
    $validation.ValidAudience = 'pester'
    $validation.IssuerSigningKey = $key
    $validated = $null
    $null = $handler.ValidateToken($token, $validation, [ref] $validated)
    $validated.Issuer
}

function Read-ThroughKoreHistory {
    Import-Module $ManifestPath
    $secret = ConvertTo-SecureString -String $env:KORE_CLIENT_SECRET -AsPlainText -Force
    Connect-KoreBot -BotId $env:KORE_BOT_ID -ClientId $env:KORE_CLIENT_ID -ClientSecret $secret -BaseUri $env:KORE_BASE_URI `
        -RequestsPerMinute 100000 -RequestsPerHour 1000000
    @(Get-KoreSession -First 5 | ForEach-Object { $_.SessionId })
}

if ($Order -eq 'OtherFirst') {
    $issuer = Use-OlderTokenHandler
    $sessionIds = Read-ThroughKoreHistory
}
else {
    $sessionIds = Read-ThroughKoreHistory
    $issuer = Use-OlderTokenHandler
}

$watched = 'KoreHistory', 'KoreHistory.Client', 'System.IdentityModel.Tokens.Jwt', 'Microsoft.IdentityModel.Tokens', 'Microsoft.IdentityModel.Logging'
$loaded = foreach ($context in [System.Runtime.Loader.AssemblyLoadContext]::All) {
    foreach ($assembly in $context.Assemblies) {
        $name = $assembly.GetName()
        if ($watched -contains $name.Name) {
            [pscustomobject]@{
                Name     = $name.Name
                Version  = $name.Version.ToString()
                Context  = [string]$context.Name
                Location = $assembly.Location
            }
        }
    }
}
[pscustomobject]@{
    Order       = $Order
    SessionIds  = @($sessionIds)
    OlderIssuer = $issuer
    Assemblies  = @($loaded)
} | ConvertTo-Json -Depth 4 -Compress
