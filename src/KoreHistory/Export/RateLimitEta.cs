namespace KoreHistory.Export;

/// How long a number of requests takes at the bot's rate limit: RequestsPerMinute a minute window while the hour
/// window has room, then RequestsPerHour an hour window. Kore.ai: 60 a minute, 1,800 an hour, so the first 1,800
/// requests of an hour take 30 minutes and every further 1,800 an hour.
internal static class RateLimitEta
{
    /// usedInHourWindow: requests already sent within the last hour window (they count against it).
    public static TimeSpan Of(long requests, int perMinute, TimeSpan minuteWindow, int perHour, TimeSpan hourWindow, int usedInHourWindow)
    {
        if (requests <= 0)
        {
            return TimeSpan.Zero;
        }

        var minuteRate = perMinute / minuteWindow.TotalSeconds;
        var hourRate = perHour / hourWindow.TotalSeconds;
        var burst = Math.Max(0, perHour - usedInHourWindow);
        // The minute window binds while the hour window has room, and the hour window after that.
        var fast = Math.Min(requests, burst);
        var seconds = (fast / Math.Max(minuteRate, hourRate)) + ((requests - fast) / Math.Min(minuteRate, hourRate));
        return TimeSpan.FromSeconds(Math.Min(seconds, TimeSpan.MaxValue.TotalSeconds / 2));
    }
}
