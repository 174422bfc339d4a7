using System.Management.Automation;
using System.Reflection;

namespace KoreHistory.Reading;

/// Stops the commands upstream of a cmdlet whose -First is satisfied, the way Select-Object -First stops them.
/// PowerShell does that with an internal exception, StopUpstreamCommandsException (a FlowControlException, not a
/// PipelineStoppedException), thrown from the requesting command's ProcessRecord: the pipeline then stops every command
/// before it, without running their EndProcessing nor the requesting command's, and completes the commands after it.
/// PowerShell 7 and Windows PowerShell 5.1 have it (since 3.0), with the same constructor (InternalCommand); a public
/// way has been asked for since 2017 (PowerShell/PowerShell#3821, #6070 closed as its duplicate) and binary modules
/// create the internal type by reflection meanwhile (kelleyma49/PSFzf#78). Where the type or that constructor is
/// missing (a PowerShell that renamed it), or cannot be made, nothing is thrown: the command only ignores the rest of
/// its input, as it did before, and nothing breaks.
internal static class UpstreamCommands
{
    private const string TypeName = "System.Management.Automation.StopUpstreamCommandsException";
    private static readonly ConstructorInfo? Constructor = Find();

    /// Whether this PowerShell can stop upstream commands for a cmdlet.
    public static bool CanStop => Constructor is not null;

    /// The exception that, thrown from `cmdlet`'s ProcessRecord on the pipeline thread, stops the commands upstream of
    /// it; null where this PowerShell has none.
    public static Exception? StopFor(Cmdlet cmdlet)
    {
        if (Constructor is null)
        {
            return null;
        }
        try
        {
            return Constructor.Invoke([cmdlet]) as Exception;
        }
        catch (Exception e) when (e is TargetInvocationException or MemberAccessException or ArgumentException or NotSupportedException)
        {
            return null;
        }
    }

    private static ConstructorInfo? Find()
    {
        try
        {
            var type = typeof(Cmdlet).Assembly.GetType(TypeName, throwOnError: false);
            if (type is null || !typeof(Exception).IsAssignableFrom(type))
            {
                return null;
            }
            return type.GetConstructors(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic)
                .FirstOrDefault(c => c.GetParameters() is { Length: 1 } parameters && parameters[0].ParameterType.IsAssignableFrom(typeof(Cmdlet)));
        }
        catch (Exception e) when (e is TypeLoadException or MemberAccessException or NotSupportedException or FileLoadException)
        {
            return null;
        }
    }
}
