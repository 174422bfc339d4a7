using System.Management.Automation;
using System.Management.Automation.Runspaces;
using System.Runtime.CompilerServices;
using KoreHistory.Client;

namespace KoreHistory;

/// The current connection of each runspace. A static field would be shared by every runspace in the process
/// (thread jobs, ForEach-Object -Parallel); keying on the runspace keeps them apart, and the table lets a
/// closed runspace's entry be collected with it. Read and written on the pipeline thread only.
internal static class ConnectionState
{
    private static readonly ConditionalWeakTable<Runspace, Slot> Slots = new();

    public static KoreConnection? Current => SlotOfThisRunspace()?.Connection;

    /// Makes connection the current one. The one it replaces is disposed unless the user holds it (-PassThru).
    public static void Set(KoreConnection connection, bool handedToUser)
    {
        var slot = SlotOfThisRunspace() ?? throw new PSInvalidOperationException("KoreHistory cmdlets run only inside a PowerShell runspace.");
        slot.Release();
        slot.Connection = connection;
        slot.HandedToUser = handedToUser;
    }

    /// Forgets the current connection; returns whether there was one.
    public static bool Clear()
    {
        var slot = SlotOfThisRunspace();
        if (slot?.Connection is null)
        {
            return false;
        }
        slot.Release();
        return true;
    }

    private static Slot? SlotOfThisRunspace() =>
        Runspace.DefaultRunspace is { } runspace ? Slots.GetValue(runspace, _ => new Slot()) : null;

    private sealed class Slot
    {
        public KoreConnection? Connection { get; set; }
        public bool HandedToUser { get; set; }

        public void Release()
        {
            if (Connection is not null && !HandedToUser)
            {
                Connection.Dispose();
            }
            Connection = null;
            HandedToUser = false;
        }
    }
}
