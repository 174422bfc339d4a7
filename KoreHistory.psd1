@{
    # Imports core/KoreHistory.dll (PowerShell 7.4+) or desktop/KoreHistory.dll (Windows PowerShell 5.1); build.ps1
    # lays both out with this manifest in out/KoreHistory/, each with its engine and dependencies in dependencies/.
    RootModule           = 'KoreHistory.psm1'
    # A placeholder: build.ps1 writes the <Version> of Directory.Build.props, the one place the version is set, into
    # the published copy (out/KoreHistory/KoreHistory.psd1).
    ModuleVersion        = '0.0.0'
    GUID                 = '3d319587-a974-4e4e-84a2-ddac44987bd4'
    Author               = 'KoreHistory contributors'
    CompanyName          = 'KoreHistory contributors'
    Copyright            = '(c) KoreHistory contributors. MIT License (see LICENSE).'
    Description          = 'Reads Kore.ai bot conversation history: sessions (Sessions History API) and messages (Conversation History API), streamed through the pipeline with paging, date ranges of any length, rate limits respected, and a local emulator for development.'
    CompatiblePSEditions = @('Desktop', 'Core')
    PowerShellVersion    = '5.1'
    DotNetFrameworkVersion = '4.7.2'
    FormatsToProcess     = @('KoreHistory.format.ps1xml')
    CmdletsToExport      = @(
        'Connect-KoreBot'
        'Disconnect-KoreBot'
        'Export-KoreHistory'
        'Get-KoreConnection'
        'Get-KoreMessage'
        'Get-KoreSession'
    )
    FunctionsToExport    = @()
    AliasesToExport      = @()
    VariablesToExport    = @()
    PrivateData          = @{
        PSData = @{
            Tags         = @('Kore.ai', 'KoreAI', 'Chatbot', 'ConversationHistory', 'Sessions', 'Export', 'PSEdition_Desktop', 'PSEdition_Core', 'Windows', 'Linux', 'MacOS')
            ProjectUri   = 'https://github.com/KoreHistory/KoreHistory'
            LicenseUri   = 'https://github.com/KoreHistory/KoreHistory/blob/main/LICENSE'
            ReleaseNotes = 'First release: Connect-KoreBot, Disconnect-KoreBot, Get-KoreConnection, Get-KoreSession, Get-KoreMessage, Export-KoreHistory.'
        }
    }
}
