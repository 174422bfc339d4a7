namespace KoreHistory.Emulator;

/// Kore's per-bot limits: an exact rolling log of accepted requests per window, both windows checked.
/// A refused request (429) is not logged, so it does not use up the budget.
internal sealed class RateLimiter
{
    private readonly TimeProvider clock;
    private readonly Window minute;
    private readonly Window hour;
    private readonly Dictionary<string, (Queue<long> Minute, Queue<long> Hour)> logs = new(StringComparer.Ordinal);

    public RateLimiter(EmulatorOptions options)
    {
        clock = options.RateLimitClock;
        minute = new Window(options.PerMinute, ToTimestamp(options.MinuteWindow));
        hour = new Window(options.PerHour, ToTimestamp(options.HourWindow));
    }

    private readonly record struct Window(int Limit, long Length)
    {
        /// Ticks until one more request fits; 0 when it fits now. Only accepted requests are logged and none is
        /// logged while the window is full, so a full log holds exactly Limit entries and its oldest frees the slot.
        public long Wait(Queue<long> log, long now)
        {
            while (log.Count > 0 && log.Peek() <= now - Length) log.Dequeue();
            return log.Count < Limit ? 0 : Math.Max(1, log.Peek() + Length - now);
        }
    }

    private long ToTimestamp(TimeSpan span) => (long)(span.TotalSeconds * clock.TimestampFrequency);

    /// Null when the request is accepted (and logged); otherwise the 429 to answer and the seconds to wait.
    public (ApiError Error, int RetryAfterSeconds)? TryAcquire(string key)
    {
        var now = clock.GetTimestamp();
        lock (logs)
        {
            if (!logs.TryGetValue(key, out var log)) logs[key] = log = (new Queue<long>(), new Queue<long>());
            var hourWait = hour.Wait(log.Hour, now);
            var minuteWait = minute.Wait(log.Minute, now);
            if (hourWait > 0 || minuteWait > 0)
            {
                var hourly = hourWait >= minuteWait;
                var seconds = (int)Math.Max(1, Math.Ceiling((double)Math.Max(hourWait, minuteWait) / clock.TimestampFrequency));
                return (new ApiError(429, hourly ? ApiError.HourlyMessage : ApiError.PerMinuteMessage, 429), seconds);
            }
            log.Minute.Enqueue(now);
            log.Hour.Enqueue(now);
            return null;
        }
    }

    public void Reset()
    {
        lock (logs) logs.Clear();
    }
}
