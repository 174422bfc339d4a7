using System.Management.Automation;
using KoreHistory.Client;

namespace KoreHistory;

/// Lets DateTime parameters take the engine's KoreUtcTime (a piped session's StartTime/EndTime) and DateTimeOffset
/// values as the instants they are, without relying on PowerShell finding a conversion operator. Strings and
/// DateTime values pass through to PowerShell's own conversion.
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
