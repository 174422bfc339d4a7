namespace KoreHistory.Export;

/// How long a number of requests takes at the bot's rate limit, sent as fast as the two rolling windows allow: while
/// the hour window has room, RequestsPerMinute a minute window; once it is full, nothing until its oldest requests leave
/// it, a window after they were sent. So against Kore.ai (60 a minute, 1,800 an hour) the 1,800 requests of each hour
/// go in its first 30 minutes: n requests take floor((n - 1) / 1,800) hours plus the rest at one a second. Requests
/// already sent in the hour window count as the start of that schedule.
internal static class RateLimitEta
{
    /// usedInHourWindow: requests already sent within the last hour window.
    public static TimeSpan Of(long requests, int perMinute, TimeSpan minuteWindow, int perHour, TimeSpan hourWindow, int usedInHourWindow)
    {
        if (requests <= 0)
        {
            return TimeSpan.Zero;
        }

        var perSecond = perMinute / minuteWindow.TotalSeconds;
        var used = Math.Max(0, usedInHourWindow);
        var seconds = perMinute * (hourWindow.TotalSeconds / minuteWindow.TotalSeconds) <= perHour
            ? requests / perSecond
            : FinishedAt(requests + used, perSecond, perHour, hourWindow) - FinishedAt(used, perSecond, perHour, hourWindow);
        return TimeSpan.FromSeconds(Math.Min(seconds, TimeSpan.MaxValue.TotalSeconds / 2));
    }

    // When the n-th request of the schedule is sent, counted from the first one's window.
    private static double FinishedAt(long n, double perSecond, int perHour, TimeSpan hourWindow)
    {
        if (n <= 0)
        {
            return 0;
        }

        var fullHours = (n - 1) / perHour;
        return (fullHours * hourWindow.TotalSeconds) + ((n - (fullHours * perHour)) / perSecond);
    }
}
