using System.Globalization;
using System.Text;

namespace KoreHistory.Client.Tests.Hostile;

// The hostile servers' answers that need no state of their own.
public static class HostileResponders
{
    public static readonly DateTimeOffset Epoch = new(2026, 5, 1, 0, 0, 0, TimeSpan.Zero);

    public static Task EmptyPage(HostileExchange exchange) => exchange.SendJsonAsync(200, HostilePages.EmptyMessages);

    // A 200 whose chunked body never ends: the opening of a page, then messages for as long as anyone reads.
    public static async Task EndlessChunkedAsync(HostileExchange exchange)
    {
        await exchange.SendHeadAsync(200, ("Content-Type", "application/json"), ("Transfer-Encoding", "chunked"));
        await exchange.SendChunkAsync(Encoding.ASCII.GetBytes("{\"total\":1,\"moreAvailable\":false,\"messages\":["));
        var chunk = new StringBuilder();
        for (var i = 0; i < 200; i++)
        {
            chunk.Append(HostilePages.Message(new HostileMessage($"ms-endless-{i}", Epoch))).Append(',');
        }

        var bytes = Encoding.ASCII.GetBytes(chunk.ToString());
        while (!exchange.Stopping.IsCancellationRequested)
        {
            await exchange.SendChunkAsync(bytes);
        }
    }

    // The same full page of `pageSize` messages, whatever the skip, always with moreAvailable: true.
    public static Func<HostileExchange, Task> SameFullPageForever(int pageSize = 100)
    {
        var page = HostilePages.Messages(
            1_000_000,
            true,
            Enumerable.Range(0, pageSize).Select(i => new HostileMessage($"ms-same-{i:D3}", Epoch.AddSeconds(-i))));
        return exchange => exchange.SendJsonAsync(200, page);
    }

    // Pages of `total` messages, newest first, one message of which (at `badIndex`) carries `textJson`.
    public static Func<HostileExchange, Task> PagesWithOneText(int total, int badIndex, string textJson)
    {
        var messages = Enumerable.Range(0, total)
            .Select(i => new HostileMessage($"ms-{i:D4}", Epoch.AddSeconds(-i), i == badIndex ? textJson : "\"hello\""))
            .ToList();
        return exchange =>
        {
            var ask = HostilePages.AskOf(exchange.Request);
            var page = messages.Skip(ask.Skip).Take(ask.Limit).ToList();
            return exchange.SendJsonAsync(200, HostilePages.Messages(total, ask.Skip + page.Count < total, page));
        };
    }

    public static Func<HostileExchange, Task> Status(int status, string json, params (string Name, string Value)[] headers) =>
        exchange => exchange.SendJsonAsync(status, json, headers);

    public static Func<HostileExchange, Task> TooManyRequests(Func<string> retryAfter) =>
        exchange => exchange.SendJsonAsync(429, HostilePages.Error("\"You've exceeded the per-minute rate limit.\"", 429), ("Retry-After", retryAfter()));

    public static string PastHttpDate() => DateTimeOffset.UtcNow.AddMinutes(-5).ToString("r", CultureInfo.InvariantCulture);

    public static Task HtmlWith200(HostileExchange exchange) =>
        exchange.SendAsync(200, "text/html", Encoding.UTF8.GetBytes("<html><body>Sign in to continue</body></html>"));

    // A valid page whose one message carries data nested `depth` arrays deep.
    public static Func<HostileExchange, Task> TooDeep(int depth = 100) =>
        exchange => exchange.SendJsonAsync(200, HostilePages.Messages(1, false, [new HostileMessage("ms-deep", Epoch, new string('[', depth) + new string(']', depth))]));

    // Headers and the page's first bytes at once, then one byte every `interval`: never stalled, never done.
    public static Func<HostileExchange, Task> Trickle(TimeSpan interval)
    {
        var page = Encoding.UTF8.GetBytes(HostilePages.Messages(1, false, [new HostileMessage("ms-trickle", Epoch)]));
        return async exchange =>
        {
            await exchange.SendHeadAsync(200, ("Content-Type", "application/json"), ("Content-Length", page.Length.ToString(CultureInfo.InvariantCulture)));
            for (var i = 0; i < page.Length - 1; i++)
            {
                await exchange.Stream.WriteAsync(page.AsMemory(i, 1), exchange.Stopping);
                await exchange.Stream.FlushAsync(exchange.Stopping);
                await Task.Delay(interval, exchange.Stopping);
            }
        };
    }

    // Headers and half the page, then nothing more (the connection stays open until the client leaves).
    public static async Task StallAsync(HostileExchange exchange)
    {
        var page = Encoding.UTF8.GetBytes(HostilePages.Messages(1, false, [new HostileMessage("ms-stall", Epoch)]));
        await exchange.SendHeadAsync(200, ("Content-Type", "application/json"), ("Content-Length", page.Length.ToString(CultureInfo.InvariantCulture)));
        await exchange.Stream.WriteAsync(page.AsMemory(0, page.Length / 2), exchange.Stopping);
        await exchange.Stream.FlushAsync(exchange.Stopping);
        var buffer = new byte[1];
        while (await exchange.Stream.ReadAsync(buffer, exchange.Stopping) > 0)
        {
        }
    }

    // A proxy that takes every request it is sent and answers 502 (it records them: what reached it leaked).
    public static Task ProxyRefusing(HostileExchange exchange) =>
        exchange.SendJsonAsync(502, HostilePages.Error("\"proxy: no upstream\"", 502));
}
