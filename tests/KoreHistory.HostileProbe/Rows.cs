using System.Diagnostics;
using System.Globalization;
using System.Security;
using System.Security.Authentication;
using System.Text;
using KoreHistory.Client;
using KoreHistory.Client.Tests.Hostile;

namespace KoreHistory.HostileProbe;

// The rows of issue 12's table, each a read of the engine (public API only, default settings unless the row says)
// against one hostile server. A row reports what the read ended with and the figures that tell before from after.
internal static class Rows
{
    public const string ChildSwitch = "--row";

    public static readonly IReadOnlyList<Row> All =
    [
        new("gzip-bomb", TimeSpan.FromMinutes(5), GzipBombAsync),
        new("endless-chunked", TimeSpan.FromMinutes(5), EndlessChunkedAsync),
        new("proxy-loopback-http", TimeSpan.FromMinutes(2), ProxyAsync),
        new("same-page-forever", TimeSpan.FromSeconds(30), SamePageForeverAsync),
        new("stale-total-4-in-flight", TimeSpan.FromMinutes(2), token => StaleTotalAsync(4, token)),
        new("stale-total-1-in-flight", TimeSpan.FromMinutes(2), token => StaleTotalAsync(1, token)),
        new("lone-surrogate-message", TimeSpan.FromMinutes(2), LoneSurrogateMessageAsync),
        new("lone-surrogate-error", TimeSpan.FromMinutes(2), LoneSurrogateErrorAsync),
        new("bot-id-dot-dot", TimeSpan.FromMinutes(1), token => BotIdAsync("..", token)),
        new("bot-id-dot", TimeSpan.FromMinutes(1), token => BotIdAsync(".", token)),
        new("dates-year-1", TimeSpan.FromMinutes(1), DatesYearOneAsync),
        new("retry-after-0", TimeSpan.FromMinutes(5), token => TooManyRequestsAsync(() => "0", token)),
        new("retry-after-past-date", TimeSpan.FromMinutes(5), token => TooManyRequestsAsync(HostileResponders.PastHttpDate, token)),
        new("self-signed-certificate", TimeSpan.FromMinutes(5), SelfSignedAsync),
        new("html-with-200", TimeSpan.FromMinutes(5), token => FailingAsync(HostileResponders.HtmlWith200, token)),
        new("json-deeper-than-64", TimeSpan.FromMinutes(5), token => FailingAsync(HostileResponders.TooDeep(), token)),
        new("ansi-in-error", TimeSpan.FromMinutes(1), AnsiErrorAsync),
        new("user-info-base-uri", TimeSpan.FromMinutes(1), UserInfoAsync),
        new("two-connections-one-bot", TimeSpan.FromMinutes(2), TwoConnectionsAsync),
        new("slow-trickle", TimeSpan.FromMinutes(12), token => FailingAsync(HostileResponders.Trickle(TimeSpan.FromSeconds(1)), token)),
        new("stalled-body", TimeSpan.FromMinutes(12), token => FailingAsync(HostileResponders.StallAsync, token)),
    ];

    public static async Task<int> RunChildAsync(string name)
    {
        var row = All.Single(r => r.Name == name);
        using var deadline = new CancellationTokenSource(row.Limit);
        var watch = Stopwatch.StartNew();
        string outcome;
        try
        {
            outcome = await row.RunAsync(deadline.Token);
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested)
        {
            outcome = $"still running when the probe stopped it after {row.Limit.TotalSeconds:0} s";
        }
        catch (Exception exception)
        {
            outcome = Describe(exception);
        }

        Console.WriteLine($"seconds: {watch.Elapsed.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture)}");
        Console.WriteLine($"peak-bytes: {Process.GetCurrentProcess().PeakWorkingSet64}");
        Console.WriteLine($"outcome: {outcome}");
        return 0;
    }

    private static async Task<string> GzipBombAsync(CancellationToken token)
    {
        var bomb = GzipBomb.Make(2_600_000_000L);
        await using var server = HostileServer.Start(exchange => GzipBomb.SendAsync(exchange, bomb));
        var read = await ReadAsync(server.BaseUri, token);
        return $"{read}; {bomb.Length / 1000} kB gzip, {server.Requests} request(s)";
    }

    private static async Task<string> EndlessChunkedAsync(CancellationToken token)
    {
        await using var server = HostileServer.Start(HostileResponders.EndlessChunkedAsync);
        var read = await ReadAsync(server.BaseUri, token);
        return $"{read}; {server.Requests} request(s)";
    }

    private static async Task<string> ProxyAsync(CancellationToken token)
    {
        await using var proxy = HostileServer.Start(HostileResponders.ProxyRefusing);
        await using var target = HostileServer.Start(HostileResponders.EmptyPage);
        Environment.SetEnvironmentVariable("HTTP_PROXY", proxy.BaseUri.ToString());
        var read = await ReadAsync(target.BaseUri, token, s => s.MaxAttempts = 1);
        var leaked = proxy.Received.Count(r => r.Headers.ContainsKey("auth"));
        return $"{read}; proxy got {proxy.Requests} request(s), {leaked} with the auth header; the loopback server got {target.Requests}";
    }

    private static async Task<string> SamePageForeverAsync(CancellationToken token)
    {
        await using var server = HostileServer.Start(HostileResponders.SameFullPageForever());
        var ids = new HashSet<string>(StringComparer.Ordinal);
        long written = 0;
        string ending;
        try
        {
            using var connection = Connect(server.BaseUri, s => s.RequestsPerMinute = s.RequestsPerHour = 1_000_000);
            await foreach (var message in connection.GetMessages(Query()).WithCancellation(token))
            {
                written++;
                ids.Add(message.MessageId);
            }

            ending = "completed";
        }
        catch (OperationCanceledException) when (token.IsCancellationRequested)
        {
            ending = "still reading when the probe stopped it";
        }
        catch (Exception exception)
        {
            ending = Describe(exception);
        }

        return $"{ending}; {server.Requests} requests, {written} messages written, {ids.Count} distinct";
    }

    private static async Task<string> StaleTotalAsync(int inFlight, CancellationToken token)
    {
        var window = new StaleTotalWindow();
        await using var server = HostileServer.Start(window.RespondAsync);
        var read = new List<string>();
        string ending = "completed";
        try
        {
            using var connection = Connect(server.BaseUri, s => s.MaxConcurrentRequests = inFlight);
            await foreach (var message in connection.GetMessages(new KoreMessageQuery { From = StaleTotalWindow.From, To = StaleTotalWindow.To }).WithCancellation(token))
            {
                read.Add(message.MessageId);
            }
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            ending = Describe(exception);
        }

        var originals = window.Originals.Intersect(read, StringComparer.Ordinal).Count();
        var duplicates = read.Count - read.Distinct(StringComparer.Ordinal).Count();
        var arrivals = read.Distinct(StringComparer.Ordinal).Count(id => id.StartsWith("ms-arrived", StringComparison.Ordinal));
        return $"{ending}; {originals} of {window.Originals.Count} original ids ({window.Originals.Count - originals} lost), {duplicates} duplicates, {arrivals} arrivals read, {server.Requests} requests";
    }

    private static async Task<string> LoneSurrogateMessageAsync(CancellationToken token)
    {
        await using var server = HostileServer.Start(HostileResponders.PagesWithOneText(300, 150, "\"a cut emoji \\ud83d here\""));
        var texts = new List<string>();
        string ending = "completed";
        try
        {
            using var connection = Connect(server.BaseUri);
            await foreach (var message in connection.GetMessages(Query()).WithCancellation(token))
            {
                texts.Add(message.Text);
            }
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            ending = Describe(exception);
        }

        var cut = texts.FirstOrDefault(t => t.StartsWith("a cut emoji", StringComparison.Ordinal));
        return $"{ending}; {texts.Count} of 300 messages; the cut one reads {(cut is null ? "(not read)" : Printable(cut))}";
    }

    private static async Task<string> LoneSurrogateErrorAsync(CancellationToken token)
    {
        await using var server = HostileServer.Start(HostileResponders.Status(400, HostilePages.Error("\"bad argument \\ud83d\"", 412)));
        return await ReadAsync(server.BaseUri, token);
    }

    private static async Task<string> BotIdAsync(string botId, CancellationToken token)
    {
        await using var server = HostileServer.Start(HostileResponders.EmptyPage);
        var read = await ReadAsync(server.BaseUri, token, s => s.BotId = botId);
        return $"{read}; paths requested: {string.Join(", ", server.Received.Select(r => r.Path).Distinct())}";
    }

    private static async Task<string> DatesYearOneAsync(CancellationToken token)
    {
        await using var server = HostileServer.Start(HostileResponders.EmptyPage);
        using var connection = Connect(server.BaseUri);
        var query = new KoreMessageQuery { From = new DateTimeOffset(1, 1, 1, 0, 0, 0, TimeSpan.Zero), To = new DateTimeOffset(1, 1, 2, 0, 0, 0, TimeSpan.Zero) };
        var count = 0;
        await foreach (var unused in connection.GetMessages(query).WithCancellation(token))
        {
            count++;
        }

        return $"completed with {count} messages; {server.Requests} request(s)";
    }

    private static async Task<string> TooManyRequestsAsync(Func<string> retryAfter, CancellationToken token)
    {
        await using var server = HostileServer.Start(HostileResponders.TooManyRequests(retryAfter));
        var watch = Stopwatch.StartNew();
        var read = await ReadAsync(server.BaseUri, token);
        return $"{read}; {server.Requests} attempts in {watch.Elapsed.TotalSeconds:0.0} s";
    }

    private static async Task<string> SelfSignedAsync(CancellationToken token)
    {
        using var certificate = SelfSignedCertificate.Create();
        await using var server = HostileServer.StartTls(HostileResponders.EmptyPage, certificate);
        var watch = Stopwatch.StartNew();
        var read = await ReadAsync(server.BaseUri, token);
        return $"{read}; {server.Requests} request(s) reached the server, {watch.Elapsed.TotalSeconds:0.0} s";
    }

    private static async Task<string> FailingAsync(Func<HostileExchange, Task> respond, CancellationToken token)
    {
        await using var server = HostileServer.Start(respond);
        var watch = Stopwatch.StartNew();
        var read = await ReadAsync(server.BaseUri, token);
        return $"{read}; {server.Requests} attempts in {watch.Elapsed.TotalSeconds:0.0} s";
    }

    private static async Task<string> AnsiErrorAsync(CancellationToken token)
    {
        await using var server = HostileServer.Start(HostileResponders.Status(400, HostilePages.Error("\"\\u001b[31mbad\\u001b[0m argument\\u0007\"", 412)));
        var read = await ReadAsync(server.BaseUri, token);
        return read.Contains("\\e", StringComparison.Ordinal) || read.Contains("\\a", StringComparison.Ordinal)
            ? $"control characters reach the message: {read}"
            : $"no control character in the message: {read}";
    }

    private static async Task<string> UserInfoAsync(CancellationToken token)
    {
        await using var server = HostileServer.Start(HostileResponders.EmptyPage);
        var uri = new Uri($"http://user:pa55word@127.0.0.1:{server.BaseUri.Port}/");
        try
        {
            using var connection = Connect(uri);
            var text = connection.ToString();
            await ReadAsync(uri, token);
            return $"accepted; connection prints \"{text}\"{(text.Contains("pa55word", StringComparison.Ordinal) ? " (with the password)" : "")}";
        }
        catch (KoreException exception)
        {
            return Describe(exception) + (exception.Message.Contains("pa55word", StringComparison.Ordinal) ? " (with the password)" : "");
        }
    }

    private static async Task<string> TwoConnectionsAsync(CancellationToken token)
    {
        var limit = new BotRateLimit(10, TimeSpan.FromSeconds(2), 60);
        await using var server = HostileServer.Start(limit.RespondAsync);
        void Settings(KoreConnectionSettings s)
        {
            s.RequestsPerMinute = 10;
            s.MinuteWindow = TimeSpan.FromSeconds(2);
            s.MaxConcurrentRequests = 1;
        }

        var query = new KoreMessageQuery { From = StaleTotalWindow.From, To = StaleTotalWindow.To, PageSize = 5 };
        using var first = Connect(server.BaseUri, Settings);
        using var second = Connect(server.BaseUri, Settings);
        var watch = Stopwatch.StartNew();
        var reads = await Task.WhenAll(Count(first, query, token), Count(second, query, token));
        return $"read {reads[0]} and {reads[1]} of 60; {server.Requests} requests, {limit.Refused} answered 429, {watch.Elapsed.TotalSeconds:0.0} s";
    }

    private static async Task<string> Count(KoreConnection connection, KoreMessageQuery query, CancellationToken token)
    {
        var count = 0;
        try
        {
            await foreach (var unused in connection.GetMessages(query).WithCancellation(token))
            {
                count++;
            }

            return count.ToString(CultureInfo.InvariantCulture);
        }
        catch (KoreException exception)
        {
            return $"{count} ({exception.GetType().Name})";
        }
    }

    // Reads the whole query; "completed with N messages" or the exception it ended with.
    private static async Task<string> ReadAsync(Uri baseUri, CancellationToken token, Action<KoreConnectionSettings>? configure = null)
    {
        try
        {
            using var connection = Connect(baseUri, configure);
            var count = 0;
            await foreach (var unused in connection.GetMessages(Query()).WithCancellation(token))
            {
                count++;
            }

            return $"completed with {count} messages";
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !token.IsCancellationRequested)
        {
            return Describe(exception);
        }
    }

    private static KoreMessageQuery Query() => new() { From = StaleTotalWindow.From, To = StaleTotalWindow.To };

    private static KoreConnection Connect(Uri baseUri, Action<KoreConnectionSettings>? configure = null)
    {
        var secret = new SecureString();
        foreach (var c in "hostile-probe-secret")
        {
            secret.AppendChar(c);
        }

        var settings = new KoreConnectionSettings
        {
            BaseUri = baseUri,
            BotId = HostilePages.BotId,
            Credential = KoreCredential.FromClientSecret("cs-hostile-probe", secret),
        };
        configure?.Invoke(settings);
        return new KoreConnection(settings);
    }

    // The exception's type and message (control characters shown as escapes), and how deep a certificate cause sits.
    private static string Describe(Exception exception)
    {
        var text = $"{exception.GetType().Name}: {Printable(Shorten(exception.Message))}";
        var depth = 0;
        for (var inner = exception; inner is not null; inner = inner.InnerException, depth++)
        {
            if (inner is AuthenticationException)
            {
                text += $" [certificate cause at inner depth {depth}]";
                break;
            }
        }

        return text;
    }

    private static string Shorten(string text) => text.Length > 300 ? text[..300] + "…" : text;

    private static string Printable(string text)
    {
        var shown = new StringBuilder();
        foreach (var c in text)
        {
            shown.Append(c switch
            {
                '\u001b' => "\\e",
                '\u0007' => "\\a",
                '\n' => "\\n",
                '\r' => "\\r",
                _ when char.IsControl(c) => $"\\u{(int)c:x4}",
                _ when char.IsSurrogate(c) => $"\\u{(int)c:x4}",
                _ => c.ToString(),
            });
        }

        return shown.ToString();
    }
}

internal sealed record Row(string Name, TimeSpan Limit, Func<CancellationToken, Task<string>> RunAsync);
