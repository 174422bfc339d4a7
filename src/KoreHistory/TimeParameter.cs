namespace KoreHistory;

internal static class TimeParameter
{
    /// PowerShell turns '2026-05-01' into a DateTime of kind Unspecified and '...Z' into kind Local: both name an
    /// instant on this machine's clock, so anything not marked UTC is read as local time, by KoreUtcTime's rule.
    public static DateTimeOffset? ToUtc(DateTime? value) =>
        value is { } time ? new Client.KoreUtcTime(time).ToDateTimeOffset() : null;
}
