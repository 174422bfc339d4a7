using System.Diagnostics;

namespace KoreHistory.Client.Tests.Hostile;

// The API's per-bot rolling limit, shortened: at most `limit` requests per `window` for each bot path, counted
// across every client; past it, 429 with Retry-After: 1. Within it, pages of `total` messages, newest first.
public sealed class BotRateLimit
{
    private readonly int limit;
    private readonly TimeSpan window;
    private readonly int total;
    private readonly Stopwatch clock = Stopwatch.StartNew();
    private readonly Dictionary<string, Queue<TimeSpan>> sent = new(StringComparer.Ordinal);
    private int refused;

    public BotRateLimit(int limit, TimeSpan window, int total)
    {
        this.limit = limit;
        this.window = window;
        this.total = total;
    }

    public int Refused => Volatile.Read(ref refused);

    public async Task RespondAsync(HostileExchange exchange)
    {
        var bot = exchange.Request.Path.Split('/')[4];
        bool allowed;
        lock (sent)
        {
            var now = clock.Elapsed;
            if (!sent.TryGetValue(bot, out var log))
            {
                sent[bot] = log = new Queue<TimeSpan>();
            }

            while (log.Count > 0 && log.Peek() + window <= now)
            {
                log.Dequeue();
            }

            allowed = log.Count < limit;
            if (allowed)
            {
                log.Enqueue(now);
            }
        }

        if (!allowed)
        {
            Interlocked.Increment(ref refused);
            await exchange.SendJsonAsync(429, HostilePages.Error("\"You've exceeded the per-minute rate limit.\"", 429), ("Retry-After", "1"));
            return;
        }

        var ask = HostilePages.AskOf(exchange.Request);
        var page = Enumerable.Range(ask.Skip, Math.Max(0, Math.Min(ask.Limit, total - ask.Skip)))
            .Select(i => new HostileMessage($"ms-{i:D4}", HostileResponders.Epoch.AddSeconds(-i)))
            .ToList();
        await exchange.SendJsonAsync(200, HostilePages.Messages(total, ask.Skip + page.Count < total, page));
    }
}
