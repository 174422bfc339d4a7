using System.Management.Automation;
using KoreHistory.Client;

namespace KoreHistory;

/// Get-KoreConnection: the current connection of this runspace (host, bot, client id, credential kind; never a
/// secret or token), or nothing when there is none.
[Cmdlet(VerbsCommon.Get, "KoreConnection")]
[OutputType(typeof(KoreConnection))]
public sealed class GetKoreConnectionCommand : PSCmdlet
{
    protected override void EndProcessing()
    {
        if (ConnectionState.Current is { } connection)
        {
            WriteObject(connection);
        }
    }
}
