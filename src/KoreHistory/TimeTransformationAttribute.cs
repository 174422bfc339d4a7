using System.Management.Automation;
using KoreHistory.Client;

namespace KoreHistory;

/// Lets DateTime parameters take DateTimeOffset values (and the engine's KoreUtcTime) as the instants they are:
/// PowerShell cannot convert a DateTimeOffset to a DateTime itself. Strings and DateTime values (a piped session's
/// StartTime and EndTime, of kind Utc) pass through to PowerShell's own conversion.
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
internal sealed class TimeTransformationAttribute : ArgumentTransformationAttribute
{
    public override object? Transform(EngineIntrinsics engineIntrinsics, object? inputData) =>
        Convert(inputData is PSObject wrapped ? wrapped.BaseObject : inputData) ?? inputData;

    internal static object? Convert(object? value) => value switch
    {
        KoreUtcTime time => time.UtcDateTime,
        DateTimeOffset offset => offset.UtcDateTime,
        _ => null,
    };
}
