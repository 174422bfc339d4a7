namespace KoreHistory.Client.Tests.Hostile;

// One window of `count` messages, one a second back from Epoch. From the first request on, a new message arrives at
// the newest end of the window every `arrivalInterval` (a late ingestion, or a server that serves records inside a
// window whose end was pinned), while `total` stays what it was at the start. Pages honour dateFrom/dateTo, skip,
// limit and forward; each answer is computed after a short random delay, so concurrent pages see different heads.
public sealed class StaleTotalWindow
{
    private readonly object gate = new();
    private readonly List<HostileMessage> newestFirst;
    private readonly TimeSpan arrivalInterval;
    private readonly long staleTotal;
    private readonly Random random = new(12);
    private System.Diagnostics.Stopwatch? sinceFirstRequest;
    private int arrived;

    public StaleTotalWindow(int count = 1000, double arrivalIntervalMilliseconds = 1)
    {
        newestFirst = Enumerable.Range(0, count)
            .Select(i => new HostileMessage($"ms-original-{i:D4}", HostileResponders.Epoch.AddSeconds(-i)))
            .ToList();
        Originals = newestFirst.Select(m => m.Id).ToList();
        arrivalInterval = TimeSpan.FromMilliseconds(arrivalIntervalMilliseconds);
        staleTotal = count;
    }

    public IReadOnlyList<string> Originals { get; }

    // A range that holds every message, arrivals included, in one window.
    public static DateTimeOffset From => HostileResponders.Epoch.AddHours(-2);

    public static DateTimeOffset To => HostileResponders.Epoch.AddHours(1);

    public async Task RespondAsync(HostileExchange exchange)
    {
        var ask = HostilePages.AskOf(exchange.Request);
        int delay;
        lock (gate)
        {
            sinceFirstRequest ??= System.Diagnostics.Stopwatch.StartNew();
            delay = random.Next(0, 25);
        }

        await Task.Delay(delay, exchange.Stopping);
        List<HostileMessage> page;
        bool more;
        lock (gate)
        {
            while (arrived < sinceFirstRequest.Elapsed / arrivalInterval)
            {
                arrived++;
                newestFirst.Insert(0, new HostileMessage($"ms-arrived-{arrived:D4}", HostileResponders.Epoch.AddMilliseconds(arrived)));
            }

            var inWindow = newestFirst.Where(m => (ask.From is null || m.Time >= ask.From) && (ask.To is null || m.Time < ask.To)).ToList();
            if (ask.OldestFirst)
            {
                inWindow.Reverse();
            }

            page = inWindow.Skip(ask.Skip).Take(ask.Limit).ToList();
            more = ask.Skip + page.Count < inWindow.Count;
        }

        await exchange.SendJsonAsync(200, HostilePages.Messages(staleTotal, more, page));
    }
}
