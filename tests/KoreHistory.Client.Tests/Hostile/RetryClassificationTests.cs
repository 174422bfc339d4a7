using System.Security.Authentication;

namespace KoreHistory.Client.Tests.Hostile;

// Issue 12's retry rows: what a retry can fix is retried within the budget, what it cannot is not (a refused
// certificate, too-deep JSON; an HTML page under 200 once), a Retry-After of 0 or in the past backs off, the budget
// counts the time spent in attempts, and a body that stops coming is a timeout.
[Collection(ProxySettingsGroup.Name)]
public sealed class RetryClassificationTests
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_retry_after_of_zero_or_in_the_past_backs_off_from_the_base_delay(bool pastDate)
    {
        await using var server = HostileServer.Start(HostileResponders.TooManyRequests(() => pastDate ? HostileResponders.PastHttpDate() : "0"));
        var log = new RequestRecorder();
        using var connection = HostileConnections.Connect(server.BaseUri, s =>
        {
            s.MaxAttempts = 4;
            s.RetryBaseDelay = TimeSpan.FromMilliseconds(40);
        });

        var error = await Assert.ThrowsAsync<KoreRateLimitException>(() => connection.GetMessages(HostileConnections.Query(), log.Options).CollectAsync());

        Assert.Equal(4, server.Requests);
        // Exponential from 40 ms with ±25 % jitter: at least 30, 60 and 120 ms, never the 0 the server asked for.
        Assert.Equal(3, log.Waits.Count);
        Assert.All(log.Waits.Select((wait, i) => (wait, i)), w => Assert.InRange(w.wait.Delay.TotalMilliseconds, 30 * Math.Pow(2, w.i), 50 * Math.Pow(2, w.i)));
        Assert.Contains("try again later", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_retry_after_the_server_gives_is_waited_as_given()
    {
        await using var server = HostileServer.Start(exchange => exchange.Number == 1
            ? exchange.SendJsonAsync(429, HostilePages.Error("\"rate limit\"", 429), ("Retry-After", "1"))
            : HostileResponders.EmptyPage(exchange));
        var log = new RequestRecorder();
        using var connection = HostileConnections.Connect(server.BaseUri);

        await connection.GetMessages(HostileConnections.Query(), log.Options).CollectAsync();

        var wait = Assert.Single(log.Waits);
        Assert.Equal(TimeSpan.FromSeconds(1), wait.Delay);
        Assert.StartsWith($"Waiting 1 s: retrying POST /api/public/bot/{HostilePages.BotId}/getMessages after HTTP 429", wait.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_self_signed_certificate_is_refused_at_once_with_the_certificate_as_the_cause()
    {
        using var certificate = SelfSignedCertificate.Create();
        await using var server = HostileServer.StartTls(HostileResponders.EmptyPage, certificate);
        var log = new RequestRecorder();
        using var connection = HostileConnections.Connect(server.BaseUri);

        var error = await Assert.ThrowsAsync<KoreTransportException>(() => connection.GetMessages(HostileConnections.Query(), log.Options).CollectAsync());

        Assert.IsAssignableFrom<AuthenticationException>(error.InnerException);
        Assert.StartsWith("The TLS certificate of 127.0.0.1 was refused, so nothing was sent (not retried): ", error.Message, StringComparison.Ordinal);
        Assert.Contains(error.InnerException!.Message.TrimEnd('.'), error.Message, StringComparison.Ordinal);
        Assert.Single(log.Entries);
        Assert.Empty(log.Waits);
        Assert.Equal(0, server.Requests);
    }

    [Fact]
    public async Task An_html_page_under_200_is_retried_once_and_no_more()
    {
        await using var server = HostileServer.Start(HostileResponders.HtmlWith200);
        var log = new RequestRecorder();
        using var connection = HostileConnections.Connect(server.BaseUri);

        var error = await Assert.ThrowsAsync<KoreResponseException>(() => connection.GetMessages(HostileConnections.Query(), log.Options).CollectAsync());

        Assert.StartsWith("The API kept sending an unusable page after 2 attempt(s): the 200 response is not a JSON object (content type text/html, ", error.Message, StringComparison.Ordinal);
        Assert.Equal(2, server.Requests);
        Assert.All(log.Entries, e => Assert.StartsWith("the 200 response is not a JSON object", e.Failure, StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_export_whose_every_page_first_meets_an_html_page_still_completes()
    {
        var messages = Enumerable.Range(0, 500).Select(i => new HostileMessage($"ms-{i:D3}", HostileResponders.Epoch.AddSeconds(-i))).ToList();
        var variant = new PlatformVariantServer(messages);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        await using var server = HostileServer.Start(exchange =>
        {
            lock (seen)
            {
                if (seen.Add(exchange.Request.Body))
                {
                    return HostileResponders.HtmlWith200(exchange);
                }
            }

            return variant.RespondAsync(exchange);
        });
        using var connection = HostileConnections.Connect(server.BaseUri);

        var read = await connection.GetMessages(HostileConnections.Query()).CollectAsync();

        Assert.Equal(messages.Select(m => m.Id), read.Select(m => m.MessageId));
        Assert.Equal(10, server.Requests);
    }

    [Fact]
    public async Task Json_nested_deeper_than_a_page_is_not_retried()
    {
        await using var server = HostileServer.Start(HostileResponders.TooDeep());
        using var connection = HostileConnections.Connect(server.BaseUri);

        var error = await Assert.ThrowsAsync<KoreResponseException>(() => connection.GetMessages(HostileConnections.Query()).CollectAsync());

        Assert.StartsWith("The API sent an unusable page (not retried): the 200 response nests deeper than 64 levels", error.Message, StringComparison.Ordinal);
        Assert.Equal(1, server.Requests);
    }

    [Fact]
    public async Task A_slow_trickle_is_cut_by_the_attempt_timeout_and_the_budget_counts_the_attempts()
    {
        await using var server = HostileServer.Start(HostileResponders.Trickle(TimeSpan.FromMilliseconds(100)));
        var log = new RequestRecorder();
        using var connection = HostileConnections.Connect(server.BaseUri, s =>
        {
            s.RequestTimeout = TimeSpan.FromSeconds(1);
            s.MaxRetryWait = TimeSpan.FromSeconds(1.5);
            s.MaxAttempts = 6;
        });

        var error = await Assert.ThrowsAsync<KoreTransportException>(() => connection.GetMessages(HostileConnections.Query(), log.Options).CollectAsync());

        // One attempt of 1 s fits in the 1.5 s budget with its wait, a third does not (counting waits alone, all six
        // attempts would be made).
        Assert.InRange(log.Entries.Count, 1, 2);
        Assert.Equal($"The API did not answer after {log.Entries.Count} attempt(s): no response within 1 s. Request: POST /api/public/bot/{HostilePages.BotId}/getMessages.", error.Message);
        Assert.All(log.Entries, e => Assert.Equal("timed out", e.Failure));
    }

    [Fact]
    public async Task A_body_that_stops_coming_is_a_stall_and_retried_like_a_timeout()
    {
        await using var server = HostileServer.Start(HostileResponders.StallAsync);
        var log = new RequestRecorder();
        using var connection = HostileConnections.Connect(server.BaseUri, s =>
        {
            s.StallTimeout = TimeSpan.FromMilliseconds(300);
            s.RequestTimeout = TimeSpan.FromSeconds(30);
            s.MaxAttempts = 3;
        });

        var error = await Assert.ThrowsAsync<KoreTransportException>(() => connection.GetMessages(HostileConnections.Query(), log.Options).CollectAsync());

        Assert.Equal("The API stopped sending after 3 attempt(s): no byte of the response for 0.3 s. Request: POST /api/public/bot/" + HostilePages.BotId + "/getMessages.", error.Message);
        Assert.Equal(3, server.Requests);
        Assert.All(log.Entries, e => Assert.Equal("no byte of the response for 0.3 s", e.Failure));
    }
}
