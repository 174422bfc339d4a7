namespace KoreHistory.Client;

internal static class RetryAfter
{
    // Retry-After in seconds, or as an HTTP date measured against the response's own Date header when it has
    // one (so a skewed local clock does not stretch or cut the wait); never negative; null when absent.
    public static TimeSpan? Of(HttpResponseMessage response, TimeProvider time)
    {
        var header = response.Headers.RetryAfter;
        if (header?.Delta is { } delta)
        {
            return delta < TimeSpan.Zero ? TimeSpan.Zero : delta;
        }

        if (header?.Date is { } date)
        {
            var wait = date - (response.Headers.Date ?? time.GetUtcNow());
            return wait < TimeSpan.Zero ? TimeSpan.Zero : wait;
        }

        return null;
    }
}
