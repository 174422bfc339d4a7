using System.Globalization;

namespace KoreHistory.Emulator;

/// The time window of a query, half-open: a record is in it when its time is in [FromMs, ToMs)
/// (session: start_time; message: createdOn). Consecutive windows [a, b), [b, c) therefore have no gap and no overlap.
///
/// Rules (kore-api.md): dateFrom/dateTo are "yyyy-mm-dd" or "yyyy-mm-ddThh:mm:ss[.mmm]Z", always UTC.
/// A date-only dateTo covers that whole day (the window ends at the next midnight), as the Kore samples show
/// (dateTo 2020-02-12 returning sessions of 2020-02-12). When both are given, dateTo − dateFrom as written must be
/// less than 7 days (so 7 days − 1 ms is accepted, 7 days is refused). Defaults: no dateFrom → the window's end − 7
/// days; no dateTo → dateFrom + 7 days; neither → [now − 7 days, now).
/// With EmulatorPlatform.InclusiveDateTo, a dateTo given as an instant includes that millisecond (ToMs is one more).
internal readonly record struct DateWindow(long FromMs, long ToMs)
{
    public const long SevenDaysMs = 7 * 86_400_000L;
    private const long DayMs = 86_400_000L;

    private static readonly string[] Formats =
    [
        "yyyy-MM-dd'T'HH:mm:ss'Z'", "yyyy-MM-dd'T'HH:mm:ss.f'Z'", "yyyy-MM-dd'T'HH:mm:ss.ff'Z'", "yyyy-MM-dd'T'HH:mm:ss.fff'Z'",
    ];

    public static DateWindow Resolve(string? dateFrom, string? dateTo, DateTimeOffset now, bool inclusiveTo = false)
    {
        var window = HalfOpen(dateFrom, dateTo, now);
        return inclusiveTo && dateTo is not null && !Parse("dateTo", dateTo)!.Value.DateOnly ? window with { ToMs = window.ToMs + 1 } : window;
    }

    private static DateWindow HalfOpen(string? dateFrom, string? dateTo, DateTimeOffset now)
    {
        var from = dateFrom is null ? null : Parse("dateFrom", dateFrom);
        var to = dateTo is null ? null : Parse("dateTo", dateTo);
        if (from is null && to is null)
        {
            var nowMs = now.ToUnixTimeMilliseconds();
            return new DateWindow(nowMs - SevenDaysMs, nowMs);
        }
        if (from is null)
        {
            var end = to!.Value.EndMs;
            return new DateWindow(end - SevenDaysMs, end);
        }
        if (to is null) return new DateWindow(from.Value.Ms, from.Value.Ms + SevenDaysMs);
        if (to.Value.Ms < from.Value.Ms) throw new ApiValidationException("dateTo must not be before dateFrom");
        if (to.Value.Ms - from.Value.Ms >= SevenDaysMs)
            throw new ApiValidationException("dateFrom and dateTo must be less than 7 days apart");
        return new DateWindow(from.Value.Ms, to.Value.EndMs);
    }

    private readonly record struct ParsedDate(long Ms, bool DateOnly)
    {
        public long EndMs => DateOnly ? Ms + DayMs : Ms;
    }

    private static ParsedDate? Parse(string name, string text)
    {
        if (DateTime.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture,
                DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var day))
        {
            return new ParsedDate(new DateTimeOffset(day, TimeSpan.Zero).ToUnixTimeMilliseconds(), true);
        }

        if (DateTime.TryParseExact(text, Formats, CultureInfo.InvariantCulture,
                DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var instant))
        {
            return new ParsedDate(new DateTimeOffset(instant, TimeSpan.Zero).ToUnixTimeMilliseconds(), false);
        }

        throw new ApiValidationException($"{name} must be yyyy-mm-dd or yyyy-mm-ddThh:mm:ss.mmmZ (UTC), not '{text}'");
    }
}
