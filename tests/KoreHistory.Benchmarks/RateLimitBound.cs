namespace KoreHistory.Benchmarks;

// The shortest time in which any client can have N requests answered by a server that keeps an exact rolling log per
// window (the API's 60 a minute and 1,800 an hour, as the emulator does): the first `limit` requests of a window go
// at once (the first window's burst), and request i can be accepted no earlier than request i − limit plus the
// window, for each window. The emulator logs a request after its latency, and answers it right after, so the last
// answer comes at (the last request's earliest slot) + latency. Transfer and parsing come on top: a real client
// can only be slower than this.
internal static class RateLimitBound
{
    public static TimeSpan Of(int requests, int perMinute, TimeSpan minuteWindow, int perHour, TimeSpan hourWindow, TimeSpan latency)
    {
        if (requests <= 0)
        {
            return TimeSpan.Zero;
        }

        var slots = new TimeSpan[requests];
        for (var i = 0; i < requests; i++)
        {
            var earliest = TimeSpan.Zero;
            if (i >= perMinute && slots[i - perMinute] + minuteWindow > earliest)
            {
                earliest = slots[i - perMinute] + minuteWindow;
            }

            if (i >= perHour && slots[i - perHour] + hourWindow > earliest)
            {
                earliest = slots[i - perHour] + hourWindow;
            }

            slots[i] = earliest;
        }

        return slots[^1] + latency;
    }

    // The old, wrong figure (requests ÷ rate): it leaves out the first window's burst, so a client can beat it.
    public static TimeSpan AtSteadyRate(int requests, int perMinute, TimeSpan minuteWindow) =>
        TimeSpan.FromSeconds(requests / (perMinute / minuteWindow.TotalSeconds));
}
