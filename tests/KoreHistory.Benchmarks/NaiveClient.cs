using System.Diagnostics;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace KoreHistory.Benchmarks;

// What a hand-written script does: one token for the run, sequential pages (skip += limit while moreAvailable),
// one getMessages request per session, and a 60 s sleep after a 429. It parses pages into a JSON DOM.
internal sealed class NaiveClient : IDisposable
{
    private const int Limit = 100;
    private readonly HttpClient http;
    private readonly string botId;
    private readonly string token;

    public NaiveClient(EmulatorProcess emulator)
        : this(emulator.Endpoint)
    {
    }

    public NaiveClient(EmulatorEndpoint emulator)
    {
        http = new HttpClient { BaseAddress = emulator.BaseUri, Timeout = TimeSpan.FromSeconds(100) };
        botId = emulator.BotId;
        token = Token(emulator.ClientId, emulator.ClientSecret);
    }

    // Called with each message (id, time) as it is read.
    public async Task ReadMessagesAsync(DateTimeOffset from, DateTimeOffset to, Action<JsonNode> onMessage)
    {
        for (var windowFrom = from; windowFrom < to; windowFrom += TimeSpan.FromDays(6))
        {
            var windowTo = windowFrom + TimeSpan.FromDays(6) < to ? windowFrom + TimeSpan.FromDays(6) : to;
            await PageAsync("getMessages", "messages", skip => new JsonObject
            {
                ["skip"] = skip,
                ["limit"] = Limit,
                ["dateFrom"] = Iso(windowFrom),
                ["dateTo"] = Iso(windowTo),
            }, onMessage).ConfigureAwait(false);
        }
    }

    public async Task<List<JsonNode>> ReadSessionsAsync(DateTimeOffset from, DateTimeOffset to)
    {
        var sessions = new List<JsonNode>();
        for (var windowFrom = from; windowFrom < to; windowFrom += TimeSpan.FromDays(6))
        {
            var windowTo = windowFrom + TimeSpan.FromDays(6) < to ? windowFrom + TimeSpan.FromDays(6) : to;
            await PageAsync("getSessions", "sessions", skip => new JsonObject
            {
                ["skip"] = skip,
                ["limit"] = Limit,
                ["dateFrom"] = Iso(windowFrom),
                ["dateTo"] = Iso(windowTo),
            }, sessions.Add).ConfigureAwait(false);
        }

        return sessions;
    }

    // One session at a time, asked within its own start and end.
    public Task ReadSessionMessagesAsync(JsonNode session, Action<JsonNode> onMessage)
    {
        var start = DateTimeOffset.Parse(session["start_time"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture);
        var end = DateTimeOffset.Parse(session["end_time"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture);
        return PageAsync("getMessages", "messages", skip => new JsonObject
        {
            ["skip"] = skip,
            ["limit"] = Limit,
            ["sessionId"] = new JsonArray(session["sessionId"]!.GetValue<string>()),
            ["dateFrom"] = Iso(start),
            ["dateTo"] = Iso(end.AddMilliseconds(1)),
        }, onMessage);
    }

    // The raw round trip of one page request, for comparing with the engine's time to first result.
    public async Task<TimeSpan> TimeOneRequestAsync(DateTimeOffset from, DateTimeOffset to)
    {
        var body = new JsonObject { ["skip"] = 0, ["limit"] = Limit, ["dateFrom"] = Iso(from), ["dateTo"] = Iso(to) };
        var watch = Stopwatch.StartNew();
        using var response = await SendAsync("getMessages", body).ConfigureAwait(false);
        await response.Content.ReadAsByteArrayAsync().ConfigureAwait(false);
        return watch.Elapsed;
    }

    // The first message of a read, as a script gets it: one request, the page parsed into a DOM.
    public async Task<JsonNode?> FirstMessageAsync(DateTimeOffset from, DateTimeOffset to)
    {
        var body = new JsonObject { ["skip"] = 0, ["limit"] = Limit, ["dateFrom"] = Iso(from), ["dateTo"] = Iso(to) };
        using var response = await SendAsync("getMessages", body).ConfigureAwait(false);
        var page = JsonNode.Parse(await response.Content.ReadAsStringAsync().ConfigureAwait(false))!;
        return page["messages"]!.AsArray().FirstOrDefault();
    }

    // What a script reads out of each message it exports: its id, time, session, user and text.
    public static int ReadExportedFields(JsonNode message)
    {
        var length = message["_id"]!.GetValue<string>().Length + message["createdOn"]!.GetValue<string>().Length
            + message["sessionId"]!.GetValue<string>().Length + (message["createdBy"]?.GetValue<string>().Length ?? 0);
        foreach (var component in message["components"]?.AsArray() ?? [])
        {
            length += component?["data"]?["text"]?.GetValue<string>().Length ?? 0;
        }

        return length;
    }

    public void Dispose() => http.Dispose();

    private async Task PageAsync(string api, string listName, Func<int, JsonObject> bodyForSkip, Action<JsonNode> onItem)
    {
        var skip = 0;
        while (true)
        {
            using var response = await SendAsync(api, bodyForSkip(skip)).ConfigureAwait(false);
            if (response.StatusCode == (HttpStatusCode)429)
            {
                await Task.Delay(TimeSpan.FromSeconds(60)).ConfigureAwait(false);
                continue;
            }

            response.EnsureSuccessStatusCode();
            var page = JsonNode.Parse(await response.Content.ReadAsStringAsync().ConfigureAwait(false))!;
            foreach (var item in page[listName]!.AsArray())
            {
                onItem(item!);
            }

            if (page["moreAvailable"]?.GetValue<bool>() != true)
            {
                return;
            }

            skip += Limit;
        }
    }

    private async Task<HttpResponseMessage> SendAsync(string api, JsonObject body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"api/public/bot/{botId}/{api}")
        {
            Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json"),
        };
        request.Headers.TryAddWithoutValidation("auth", token);
        return await http.SendAsync(request).ConfigureAwait(false);
    }

    private static string Iso(DateTimeOffset time) => IsoTime.Format(time);

    private static string Token(string clientId, string secret)
    {
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var header = Base64Url("""{"alg":"HS256","typ":"JWT"}"""u8.ToArray());
        var payload = Base64Url(JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, object>
        {
            ["appId"] = clientId,
            ["sub"] = "naive-script",
            ["iat"] = now,
            ["exp"] = now + 3000,
        }));
        var signature = HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.ASCII.GetBytes(header + "." + payload));
        return header + "." + payload + "." + Base64Url(signature);
    }

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
