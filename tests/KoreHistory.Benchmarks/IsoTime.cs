using System.Globalization;

namespace KoreHistory.Benchmarks;

// Times as the API and the pwsh scripts take them: UTC, milliseconds, a Z.
internal static class IsoTime
{
    public static string Format(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
}
