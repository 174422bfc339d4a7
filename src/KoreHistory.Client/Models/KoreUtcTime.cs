using System.Globalization;

namespace KoreHistory.Client;

// The engine's rule for instants: a DateTime of kind Local or Unspecified is read as local time, and an instant is
// written as ISO 8601 UTC with milliseconds (the API's format). Output objects carry plain DateTime values of kind
// Utc (see the Client README, "Times"); this type is how the engine reads and writes them.
public readonly struct KoreUtcTime : IComparable, IComparable<KoreUtcTime>, IEquatable<KoreUtcTime>, IFormattable
{
    private const string IsoFormat = "yyyy-MM-dd'T'HH:mm:ss.fff'Z'";
    private readonly long utcTicks;

    public KoreUtcTime(DateTime value)
    {
        utcTicks = (value.Kind == DateTimeKind.Utc ? value : value.ToUniversalTime()).Ticks;
    }

    public KoreUtcTime(DateTimeOffset value)
    {
        utcTicks = value.UtcTicks;
    }

    public DateTime UtcDateTime => new(utcTicks, DateTimeKind.Utc);

    public DateTime LocalDateTime => UtcDateTime.ToLocalTime();

    public DateTimeOffset ToDateTimeOffset() => new(utcTicks, TimeSpan.Zero);

    /// <summary>An instant as ISO 8601 UTC with milliseconds, e.g. 2026-05-01T08:30:00.250Z (local times converted).</summary>
    public static string Format(DateTime value) => new KoreUtcTime(value).ToString();

    public static KoreUtcTime FromUnixTimeMilliseconds(long milliseconds) =>
        new(DateTimeOffset.FromUnixTimeMilliseconds(milliseconds));

    public static implicit operator DateTime(KoreUtcTime value) => value.UtcDateTime;

    public static implicit operator DateTimeOffset(KoreUtcTime value) => value.ToDateTimeOffset();

    public static implicit operator KoreUtcTime(DateTime value) => new(value);

    public static implicit operator KoreUtcTime(DateTimeOffset value) => new(value);

    public static bool operator ==(KoreUtcTime left, KoreUtcTime right) => left.utcTicks == right.utcTicks;

    public static bool operator !=(KoreUtcTime left, KoreUtcTime right) => left.utcTicks != right.utcTicks;

    public static bool operator <(KoreUtcTime left, KoreUtcTime right) => left.utcTicks < right.utcTicks;

    public static bool operator >(KoreUtcTime left, KoreUtcTime right) => left.utcTicks > right.utcTicks;

    public static bool operator <=(KoreUtcTime left, KoreUtcTime right) => left.utcTicks <= right.utcTicks;

    public static bool operator >=(KoreUtcTime left, KoreUtcTime right) => left.utcTicks >= right.utcTicks;

    public int CompareTo(KoreUtcTime other) => utcTicks.CompareTo(other.utcTicks);

    public int CompareTo(object? obj) => obj switch
    {
        null => 1,
        KoreUtcTime other => CompareTo(other),
        DateTime other => CompareTo(new KoreUtcTime(other)),
        DateTimeOffset other => CompareTo(new KoreUtcTime(other)),
        _ => throw new ArgumentException("A KoreUtcTime compares only with KoreUtcTime, DateTime or DateTimeOffset.", nameof(obj)),
    };

    public bool Equals(KoreUtcTime other) => utcTicks == other.utcTicks;

    public override bool Equals(object? obj) => obj is KoreUtcTime other && Equals(other);

    public override int GetHashCode() => utcTicks.GetHashCode();

    public override string ToString() => UtcDateTime.ToString(IsoFormat, CultureInfo.InvariantCulture);

    public string ToString(string? format, IFormatProvider? formatProvider) =>
        string.IsNullOrEmpty(format) ? ToString() : UtcDateTime.ToString(format, formatProvider);
}
