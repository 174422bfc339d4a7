using System.Diagnostics;

namespace KoreHistory.Emulator;

/// Kore's per-bot limits: an exact rolling log of accepted requests, checked against both windows.
/// A refused request (429) is not logged, so it does not use up the budget.
internal sealed class RateLimiter
{
    private readonly int _perMinute;
    private readonly int _perHour;
    private readonly long _minuteTicks;
    private readonly long _hourTicks;
    private readonly Dictionary<string, Queue<long>> _logs = new(StringComparer.Ordinal);

    public RateLimiter(EmulatorOptions options)
    {
        _perMinute = options.PerMinute;
        _perHour = options.PerHour;
        _minuteTicks = ToTimestamp(options.MinuteWindow);
        _hourTicks = ToTimestamp(options.HourWindow);
    }

    private static long ToTimestamp(TimeSpan span) => (long)(span.TotalSeconds * Stopwatch.Frequency);

    /// Null when the request is accepted (and logged); otherwise the 429 to answer and the seconds to wait.
    public (ApiError Error, int RetryAfterSeconds)? TryAcquire(string key)
    {
        var now = Stopwatch.GetTimestamp();
        lock (_logs)
        {
            if (!_logs.TryGetValue(key, out var log)) _logs[key] = log = new Queue<long>();
            var longest = Math.Max(_minuteTicks, _hourTicks);
            while (log.Count > 0 && log.Peek() <= now - longest) log.Dequeue();

            var hourWait = Wait(log, now, _hourTicks, _perHour);
            var minuteWait = Wait(log, now, _minuteTicks, _perMinute);
            if (hourWait > 0 || minuteWait > 0)
            {
                var hourly = hourWait >= minuteWait;
                var wait = Math.Max(hourWait, minuteWait);
                var seconds = (int)Math.Max(1, Math.Ceiling((double)wait / Stopwatch.Frequency));
                return (new ApiError(429, hourly ? ApiError.HourlyMessage : ApiError.PerMinuteMessage, 429), seconds);
            }
            log.Enqueue(now);
            return null;
        }
    }

    // Ticks until the window holds fewer than `limit` requests again; 0 when it already does.
    private static long Wait(Queue<long> log, long now, long window, int limit)
    {
        var inWindow = 0;
        long oldestNeeded = 0;
        // Entries are in time order; those newer than now - window are in the window.
        var entries = log.ToArray();
        for (var i = entries.Length - 1; i >= 0 && entries[i] > now - window; i--) inWindow++;
        if (inWindow < limit) return 0;
        // The request that must leave the window before one more fits: the (inWindow - limit + 1)-th oldest in it.
        var firstInWindow = entries.Length - inWindow;
        oldestNeeded = entries[firstInWindow + (inWindow - limit)];
        return Math.Max(1, oldestNeeded + window - now);
    }

    public void Reset()
    {
        lock (_logs) _logs.Clear();
    }
}
