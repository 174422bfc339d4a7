namespace KoreHistory.Client;

// A half-open UTC interval [From, To) sent as dateFrom/dateTo.
internal readonly struct DateWindow : IEquatable<DateWindow>
{
    public DateWindow(DateTimeOffset from, DateTimeOffset to)
    {
        From = from.ToUniversalTime();
        To = to.ToUniversalTime();
    }

    public DateTimeOffset From { get; }

    public DateTimeOffset To { get; }

    public TimeSpan Length => To - From;

    public bool Equals(DateWindow other) => From == other.From && To == other.To;

    public override bool Equals(object? obj) => obj is DateWindow other && Equals(other);

    public override int GetHashCode() => From.GetHashCode() ^ To.GetHashCode();

    public override string ToString() => $"[{QueryRules.Iso(From)}, {QueryRules.Iso(To)})";
}

internal static class DateWindows
{
    // The API refuses dateTo − dateFrom of 7 days or more; every window stays 1 ms under that.
    public static readonly TimeSpan MaxLength = TimeSpan.FromDays(7) - TimeSpan.FromMilliseconds(1);

    // The API's default when no range is given: the last 7 days up to now (one window). Dates out of
    // QueryRules' range (a session span from a broken server, say) are refused as a KoreValidationException rather
    // than overflowing the arithmetic below.
    public static DateWindow Range(DateTimeOffset? from, DateTimeOffset? to, DateTimeOffset now)
    {
        QueryRules.Dates(from, to ?? now);
        var end = Truncate(to ?? now);
        var start = Truncate(from ?? end - MaxLength);
        return new DateWindow(start, end);
    }

    // Consecutive windows covering [range.From, range.To) with no gap and no overlap, newest first unless
    // oldestFirst. Boundaries are whole milliseconds, the precision of the API's timestamps.
    public static IReadOnlyList<DateWindow> Split(DateWindow range, bool oldestFirst)
    {
        var windows = new List<DateWindow>();
        if (range.To <= range.From)
        {
            return windows;
        }

        QueryRules.Dates(range.From, range.To);

        if (oldestFirst)
        {
            for (var start = range.From; start < range.To; start += MaxLength)
            {
                var end = range.To - start > MaxLength ? start + MaxLength : range.To;
                windows.Add(new DateWindow(start, end));
            }
        }
        else
        {
            for (var end = range.To; end > range.From; end -= MaxLength)
            {
                var start = end - range.From > MaxLength ? end - MaxLength : range.From;
                windows.Add(new DateWindow(start, end));
            }
        }

        return windows;
    }

    public static DateTimeOffset Truncate(DateTimeOffset value)
    {
        var utc = value.ToUniversalTime();
        return new DateTimeOffset(utc.Ticks - (utc.Ticks % TimeSpan.TicksPerMillisecond), TimeSpan.Zero);
    }

    // Rounds up to the next whole millisecond (for the exclusive end after an inclusive instant); never past the end
    // of the calendar (a record's time comes from the server).
    public static DateTimeOffset CeilingExclusive(DateTimeOffset inclusive)
    {
        var truncated = Truncate(inclusive);
        return DateTimeOffset.MaxValue - truncated < TimeSpan.FromMilliseconds(1) ? DateTimeOffset.MaxValue : truncated + TimeSpan.FromMilliseconds(1);
    }
}
