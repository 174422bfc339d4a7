using KoreHistory.Emulator;

namespace KoreHistory.Client.Tests.Reliability;

// When the retry budget runs out in the middle of an export, the read ends with a terminating error that names
// the request, the status and what failed, and the enumerator yields nothing more: never a short result that
// looks complete.
public sealed class RetryBudgetTests : IClassFixture<SmallEmulator>, IDisposable
{
    private const int PageSize = 50;
    private readonly SmallEmulator emulator;
    private readonly DateTimeOffset from = SmallEmulator.Now.AddDays(-5);

    public RetryBudgetTests(SmallEmulator emulator)
    {
        this.emulator = emulator;
        emulator.Server.Faults.Clear();
    }

    public void Dispose() => emulator.Server.Faults.Clear();

    private string MessagesPath => $"/api/public/bot/{emulator.BotId}/getMessages";

    [Fact]
    public async Task Transport_5xx_past_the_budget_ends_the_export_naming_status_and_request()
    {
        var error = await FailsOnSecondPage<KoreTransportException>(FaultKind.ServiceUnavailable503);

        Assert.Equal(503, error.StatusCode);
        Assert.Equal(
            $"The API failed after 3 attempt(s). HTTP 503, Kore code 503. The API said: \"Service Unavailable\". Request: POST {MessagesPath}.",
            error.Message);
    }

    [Fact]
    public async Task Transport_dropped_connections_past_the_budget_end_the_export_naming_the_failure_and_request()
    {
        var error = await FailsOnSecondPage<KoreTransportException>(FaultKind.DropConnection);

        Assert.Null(error.StatusCode);
        Assert.StartsWith("The connection to 127.0.0.1 failed after 3 attempt(s): ", error.Message, StringComparison.Ordinal);
        Assert.EndsWith($" Request: POST {MessagesPath}.", error.Message, StringComparison.Ordinal);
        Assert.NotNull(error.InnerException);
    }

    [Fact]
    public async Task Transport_timeouts_past_the_budget_end_the_export_saying_no_answer_came()
    {
        var error = await FailsOnSecondPage<KoreTransportException>(FaultKind.Timeout, TimeSpan.FromMilliseconds(500));

        Assert.Equal($"The API did not answer after 3 attempt(s): no response within 0.5 s. Request: POST {MessagesPath}.", error.Message);
    }

    [Fact]
    public async Task Rate_limit_past_the_budget_ends_the_export_with_the_api_message()
    {
        var error = await FailsOnSecondPage<KoreRateLimitException>(FaultKind.TooManyRequestsNoRetryAfter);

        Assert.Equal(429, error.StatusCode);
        Assert.StartsWith("The rate limit was still reached after 3 attempt(s); try again later. HTTP 429, Kore code 429. The API said: \"", error.Message, StringComparison.Ordinal);
        Assert.EndsWith($"\". Request: POST {MessagesPath}.", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Response_html_pages_past_the_budget_end_the_export_describing_the_body()
    {
        var error = await FailsOnSecondPage<KoreResponseException>(FaultKind.HtmlPageWith200);

        Assert.Equal(200, error.StatusCode);
        // Retried once at most: a proxy's passing page may be, a page that persists is not.
        Assert.StartsWith("The API kept sending an unusable page after 2 attempt(s): the 200 response is not a JSON object (content type text/html, ", error.Message, StringComparison.Ordinal);
        Assert.EndsWith($" Request: POST {MessagesPath}.", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Response_truncated_bodies_past_the_budget_end_the_export_saying_the_page_was_cut_off()
    {
        var error = await FailsOnSecondPage<KoreResponseException>(FaultKind.TruncatedBody);

        Assert.Equal(200, error.StatusCode);
        Assert.StartsWith("The API kept sending an unusable page after 3 attempt(s): the 200 response was cut off (", error.Message, StringComparison.Ordinal);
        Assert.EndsWith($" Request: POST {MessagesPath}.", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_401_for_a_ready_made_token_ends_the_export_with_an_authentication_error()
    {
        var token = ReadyMadeTokens.Make(emulator.Server.Options.ClientId, emulator.Server.Options.ClientSecret, DateTimeOffset.UtcNow.AddHours(1));
        var credential = KoreCredential.FromToken(TestSecrets.Secure(token));

        var error = await FailsOnSecondPage<KoreAuthenticationException>(FaultKind.Unauthorized401, credential: credential, failures: 1);

        Assert.Equal(401, error.StatusCode);
        Assert.Equal(
            $"The API refused the ready-made token (expired, revoked, or without the needed scope). Connect again with a fresh token, or with a client id and secret. HTTP 401, Kore code 4002. The API said: \"Invalid JWT token\". Request: POST {MessagesPath}.",
            error.Message);
    }

    [Fact]
    public async Task A_401_after_minted_credentials_were_accepted_is_retried_until_the_read_is_complete()
    {
        using var connection = Connect();
        var expected = emulator.MessagesBetween(from, SmallEmulator.Now).Select(m => m.MessageId).ToList();
        var read = new List<string>();

        await foreach (var message in connection.GetMessages(Query()))
        {
            read.Add(message.MessageId);
            if (read.Count == PageSize)
            {
                // The first try and the fresh-token try both fail, twice over.
                emulator.Server.Faults.FailNext(4, FaultKind.Unauthorized401);
            }
        }

        Assert.Equal(expected, read);
        Assert.Equal(0, emulator.Server.Faults.Pending);
    }

    [Fact]
    public async Task A_401_before_minted_credentials_were_ever_accepted_fails_at_once()
    {
        using var connection = Connect();
        emulator.Server.Faults.FailNext(2, FaultKind.Unauthorized401);
        var log = new RequestRecorder();

        await Assert.ThrowsAsync<KoreAuthenticationException>(() => connection.GetMessages(Query(), log.Options).CollectAsync());

        Assert.Equal(2, log.Entries.Count);
    }

    private KoreMessageQuery Query() => new() { From = from, To = SmallEmulator.Now, PageSize = PageSize };

    private KoreConnection Connect(TimeSpan? requestTimeout = null, KoreCredential? credential = null) =>
        emulator.Connect(
            s =>
            {
                s.MaxAttempts = 3;
                // One page at a time, so that every failure injected after the first page hits the second.
                s.MaxConcurrentRequests = 1;
                s.RetryBaseDelay = TimeSpan.FromMilliseconds(10);
                s.RequestTimeout = requestTimeout ?? TimeSpan.FromSeconds(20);
            },
            credential);

    // Reads the first page, then makes every attempt at the second fail; returns the error after checking that
    // exactly the first page was yielded and that the enumerator yields nothing after the error.
    private async Task<TException> FailsOnSecondPage<TException>(FaultKind kind, TimeSpan? requestTimeout = null, KoreCredential? credential = null, int failures = 5)
        where TException : KoreException
    {
        using var connection = Connect(requestTimeout, credential);
        var log = new RequestRecorder();
        var results = connection.GetMessages(Query(), log.Options);
        await using var enumerator = results.GetAsyncEnumerator();
        var yielded = 0;
        Exception? caught = null;
        try
        {
            while (await enumerator.MoveNextAsync())
            {
                yielded++;
                if (yielded == PageSize)
                {
                    emulator.Server.Faults.FailNext(failures, kind);
                }
            }
        }
        catch (Exception exception)
        {
            caught = exception;
        }

        Assert.NotNull(caught);
        Assert.Equal(PageSize, yielded);
        Assert.Equal(PageSize, results.ItemsRead);
        Assert.False(await enumerator.MoveNextAsync());
        var error = Assert.IsAssignableFrom<TException>(caught);
        Assert.Equal("POST", error.Method);
        Assert.Equal(MessagesPath, error.Path);
        return error;
    }
}
