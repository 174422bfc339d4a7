using System.Globalization;

namespace KoreHistory.Client;

/// <summary>
/// The engine's rule for instants: a DateTime of kind Local or Unspecified is read as local time, and an instant is
/// written as ISO 8601 UTC with milliseconds (the API's format). Output objects carry plain DateTime values of kind
/// Utc (see the Client README, "Times"); this type is how the engine reads and writes them.
/// </summary>
public readonly struct KoreUtcTime : IComparable, IComparable<KoreUtcTime>, IEquatable<KoreUtcTime>, IFormattable
{
    private const string IsoFormat = "yyyy-MM-dd'T'HH:mm:ss.fff'Z'";
    private readonly long utcTicks;

    /// <summary>The instant of <paramref name="value"/>; a DateTime of kind Local or Unspecified is read as local time.</summary>
    public KoreUtcTime(DateTime value)
    {
        utcTicks = (value.Kind == DateTimeKind.Utc ? value : value.ToUniversalTime()).Ticks;
    }

    /// <summary>The instant of <paramref name="value"/>.</summary>
    public KoreUtcTime(DateTimeOffset value)
    {
        utcTicks = value.UtcTicks;
    }

    /// <summary>The instant as a DateTime of kind Utc.</summary>
    public DateTime UtcDateTime => new(utcTicks, DateTimeKind.Utc);

    /// <summary>The instant in this machine's time zone.</summary>
    public DateTime LocalDateTime => UtcDateTime.ToLocalTime();

    /// <summary>The instant with offset zero.</summary>
    public DateTimeOffset ToDateTimeOffset() => new(utcTicks, TimeSpan.Zero);

    /// <summary>An instant as ISO 8601 UTC with milliseconds, e.g. 2026-05-01T08:30:00.250Z (local times converted).</summary>
    public static string Format(DateTime value) => new KoreUtcTime(value).ToString();

    /// <summary>The instant so many milliseconds after 1970-01-01T00:00:00Z.</summary>
    public static KoreUtcTime FromUnixTimeMilliseconds(long milliseconds) =>
        new(DateTimeOffset.FromUnixTimeMilliseconds(milliseconds));

    /// <summary>The instant as a DateTime of kind Utc.</summary>
    public static implicit operator DateTime(KoreUtcTime value) => value.UtcDateTime;

    /// <summary>The instant with offset zero.</summary>
    public static implicit operator DateTimeOffset(KoreUtcTime value) => value.ToDateTimeOffset();

    /// <summary>The instant of a DateTime (Local or Unspecified read as local time).</summary>
    public static implicit operator KoreUtcTime(DateTime value) => new(value);

    /// <summary>The instant of a DateTimeOffset.</summary>
    public static implicit operator KoreUtcTime(DateTimeOffset value) => new(value);

    /// <summary>Whether both are the same instant.</summary>
    public static bool operator ==(KoreUtcTime left, KoreUtcTime right) => left.utcTicks == right.utcTicks;

    /// <summary>Whether they are different instants.</summary>
    public static bool operator !=(KoreUtcTime left, KoreUtcTime right) => left.utcTicks != right.utcTicks;

    /// <summary>Whether <paramref name="left"/> is earlier.</summary>
    public static bool operator <(KoreUtcTime left, KoreUtcTime right) => left.utcTicks < right.utcTicks;

    /// <summary>Whether <paramref name="left"/> is later.</summary>
    public static bool operator >(KoreUtcTime left, KoreUtcTime right) => left.utcTicks > right.utcTicks;

    /// <summary>Whether <paramref name="left"/> is not later.</summary>
    public static bool operator <=(KoreUtcTime left, KoreUtcTime right) => left.utcTicks <= right.utcTicks;

    /// <summary>Whether <paramref name="left"/> is not earlier.</summary>
    public static bool operator >=(KoreUtcTime left, KoreUtcTime right) => left.utcTicks >= right.utcTicks;

    /// <inheritdoc/>
    public int CompareTo(KoreUtcTime other) => utcTicks.CompareTo(other.utcTicks);

    /// <inheritdoc/>
    public int CompareTo(object? obj) => obj switch
    {
        null => 1,
        KoreUtcTime other => CompareTo(other),
        DateTime other => CompareTo(new KoreUtcTime(other)),
        DateTimeOffset other => CompareTo(new KoreUtcTime(other)),
        _ => throw new ArgumentException("A KoreUtcTime compares only with KoreUtcTime, DateTime or DateTimeOffset.", nameof(obj)),
    };

    /// <inheritdoc/>
    public bool Equals(KoreUtcTime other) => utcTicks == other.utcTicks;

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is KoreUtcTime other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => utcTicks.GetHashCode();

    /// <summary>ISO 8601 UTC with milliseconds, e.g. 2026-05-01T08:30:00.250Z.</summary>
    public override string ToString() => UtcDateTime.ToString(IsoFormat, CultureInfo.InvariantCulture);

    /// <summary>The UTC DateTime formatted with <paramref name="format"/>; ISO 8601 UTC with milliseconds when it is null or empty.</summary>
    public string ToString(string? format, IFormatProvider? formatProvider) =>
        string.IsNullOrEmpty(format) ? ToString() : UtcDateTime.ToString(format, formatProvider);
}
