using System.Management.Automation;

namespace KoreHistory;

/// Disconnect-KoreBot: forgets this runspace's connection and erases the secret it held (unless the connection
/// was returned with -PassThru: then it is the caller's to keep or dispose).
[Cmdlet(VerbsCommunications.Disconnect, "KoreBot")]
public sealed class DisconnectKoreBotCommand : PSCmdlet
{
    protected override void EndProcessing()
    {
        WriteVerbose(ConnectionState.Clear() ? "Disconnected from Kore.ai." : "There was no Kore.ai connection in this session.");
    }
}
