using System.Diagnostics;
using KoreHistory.Emulator;

namespace KoreHistory.Client.Tests;

// Injected faults: each is retried until the page arrives; when retries run out the error says what failed.
public sealed class ResilienceTests : IClassFixture<SmallEmulator>, IDisposable
{
    private readonly SmallEmulator emulator;
    private readonly DateTimeOffset from = SmallEmulator.Now.AddDays(-5);

    public ResilienceTests(SmallEmulator emulator)
    {
        this.emulator = emulator;
        emulator.Server.Faults.Clear();
    }

    public void Dispose() => emulator.Server.Faults.Clear();

    public static TheoryData<FaultKind> RecoverableFaults => new()
    {
        FaultKind.ServerError500,
        FaultKind.BadGateway502,
        FaultKind.ServiceUnavailable503,
        FaultKind.GatewayTimeout504,
        FaultKind.TooManyRequestsRetryAfterSeconds,
        FaultKind.TooManyRequestsRetryAfterDate,
        FaultKind.TooManyRequestsNoRetryAfter,
        FaultKind.RateLimitMessageUnderOtherStatus,
        FaultKind.Timeout,
        FaultKind.DropConnection,
        FaultKind.TruncatedBody,
        FaultKind.HtmlPageWith200,
        FaultKind.Unauthorized401,
    };

    [Theory]
    [MemberData(nameof(RecoverableFaults))]
    public async Task A_fault_is_retried_and_the_read_is_complete(FaultKind kind)
    {
        // Only the Timeout fault needs a short attempt timeout; elsewhere a slow machine must not look like one.
        // Pages one at a time, so the fault set after the first page meets the second page's first attempt.
        using var connection = Connect(s =>
        {
            s.RequestTimeout = TimeSpan.FromSeconds(kind == FaultKind.Timeout ? 2 : 20);
            s.MaxConcurrentRequests = 1;
        });
        var log = new RequestRecorder();
        var results = connection.GetMessages(new KoreMessageQuery { From = from, To = SmallEmulator.Now, PageSize = 50 }, log.Options);
        var expected = emulator.MessagesBetween(from, SmallEmulator.Now).Select(m => m.MessageId).ToList();
        var messages = new List<string>();

        await foreach (var message in results)
        {
            messages.Add(message.MessageId);
            if (messages.Count == 50)
            {
                // The second page's first attempt fails.
                emulator.Server.Faults.FailNext(1, kind);
            }
        }

        Assert.Equal(expected, messages);
        Assert.Equal(0, emulator.Server.Faults.Pending);
        var pages = (int)Math.Ceiling(expected.Count / 50.0);
        Assert.Equal(pages, log.Entries.Count(e => e.Attempt == 1));
        var retried = log.Entries.First(e => e.Attempt == 2);
        Assert.Contains("\"skip\":50,", retried.Body, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(FaultKind.BadGateway502, typeof(KoreTransportException), 502)]
    [InlineData(FaultKind.ServiceUnavailable503, typeof(KoreTransportException), 503)]
    [InlineData(FaultKind.DropConnection, typeof(KoreTransportException), null)]
    [InlineData(FaultKind.Timeout, typeof(KoreTransportException), null)]
    [InlineData(FaultKind.TruncatedBody, typeof(KoreResponseException), 200)]
    [InlineData(FaultKind.HtmlPageWith200, typeof(KoreResponseException), 200)]
    [InlineData(FaultKind.TooManyRequestsNoRetryAfter, typeof(KoreRateLimitException), 429)]
    [InlineData(FaultKind.RateLimitMessageUnderOtherStatus, typeof(KoreRateLimitException), 403)]
    public async Task When_retries_run_out_the_error_names_the_kind_status_and_request(FaultKind kind, Type expectedType, int? status)
    {
        using var connection = Connect(s =>
        {
            s.MaxAttempts = 3;
            s.RequestTimeout = TimeSpan.FromSeconds(kind == FaultKind.Timeout ? 1 : 20);
        });
        emulator.Server.Faults.FailNext(3, kind);
        var log = new RequestRecorder();

        var error = await Assert.ThrowsAnyAsync<KoreException>(() => connection.GetMessages(new KoreMessageQuery { From = from, To = SmallEmulator.Now }, log.Options).CollectAsync());

        Assert.IsType(expectedType, error);
        Assert.Equal(status, error.StatusCode);
        Assert.Equal("POST", error.Method);
        Assert.EndsWith("/getMessages", error.Path, StringComparison.Ordinal);
        Assert.Contains("getMessages", error.Message, StringComparison.Ordinal);
        // An HTML page under 200 is retried once at most (a proxy's passing page may be; one that persists is not).
        Assert.Equal(kind == FaultKind.HtmlPageWith200 ? 2 : 3, log.Entries.Count);
    }

    [Fact]
    public async Task A_retry_wait_is_announced_with_its_delay_and_cause()
    {
        using var connection = Connect();
        emulator.Server.Faults.FailNext(1, FaultKind.TooManyRequestsRetryAfterSeconds);
        var log = new RequestRecorder();

        await connection.GetSessions(new KoreSessionQuery { From = from }, log.Options).CollectAsync();

        var wait = Assert.Single(log.Waits);
        Assert.Equal(TimeSpan.FromSeconds(1), wait.Delay);
        Assert.Contains("HTTP 429", wait.Reason, StringComparison.Ordinal);
        Assert.StartsWith("Waiting 1 s: retrying POST /api/public/bot/", wait.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_rate_limit_error_carries_the_api_message_and_code()
    {
        using var connection = Connect(s => s.MaxAttempts = 2);
        emulator.Server.Faults.FailNext(2, FaultKind.TooManyRequestsNoRetryAfter);

        var error = await Assert.ThrowsAsync<KoreRateLimitException>(() => connection.GetSessions(new KoreSessionQuery { From = from }).CollectAsync());

        Assert.Contains("per-minute rate limit", error.ApiMessage, StringComparison.Ordinal);
        Assert.Equal(429, error.KoreCode);
    }

    [Fact]
    public async Task A_retry_after_longer_than_the_wait_budget_fails_at_once()
    {
        using var connection = Connect(s => s.MaxRetryWait = TimeSpan.FromMilliseconds(500));
        emulator.Server.Faults.FailNext(1, FaultKind.TooManyRequestsRetryAfterSeconds);
        var log = new RequestRecorder();

        var error = await Assert.ThrowsAsync<KoreRateLimitException>(() => connection.GetSessions(new KoreSessionQuery { From = from }, log.Options).CollectAsync());

        Assert.Equal(TimeSpan.FromSeconds(1), error.RetryAfter);
        Assert.Contains("the API asks to wait 1 second.", error.Message, StringComparison.Ordinal);
        Assert.Single(log.Entries);
    }

    [Fact]
    public async Task A_401_with_a_minted_token_is_retried_once_with_a_fresh_token()
    {
        using var connection = Connect();
        emulator.Server.Faults.FailNext(1, FaultKind.Unauthorized401);
        var log = new RequestRecorder();

        var sessions = await connection.GetSessions(new KoreSessionQuery { From = from }, log.Options).CollectAsync();

        Assert.Equal(emulator.SessionsBetween(from, SmallEmulator.Now, emulator.BotId).Count, sessions.Count);
        Assert.Equal(new int?[] { 401, 200 }, log.Entries.Select(e => e.StatusCode));
    }

    [Fact]
    public async Task A_second_401_in_a_row_is_an_authentication_error()
    {
        using var connection = Connect();
        emulator.Server.Faults.FailNext(2, FaultKind.Unauthorized401);
        var log = new RequestRecorder();

        var error = await Assert.ThrowsAsync<KoreAuthenticationException>(() => connection.GetSessions(new KoreSessionQuery { From = from }, log.Options).CollectAsync());

        Assert.Equal(401, error.StatusCode);
        Assert.Equal("Invalid JWT token", error.ApiMessage);
        Assert.Equal(4002, error.KoreCode);
        Assert.Equal(2, log.Entries.Count);
    }

    [Fact]
    public async Task Cancelling_while_a_page_is_in_flight_ends_the_read_at_once()
    {
        using var connection = Connect(s => s.RequestTimeout = TimeSpan.FromMinutes(5));
        emulator.Server.Faults.FailNext(1, FaultKind.Timeout);
        using var cancellation = new CancellationTokenSource();
        var read = connection.GetMessages(new KoreMessageQuery { From = from }).CollectAsync(cancellation.Token);
        await Task.Delay(300);
        Assert.False(read.IsCompleted);

        var stopwatch = Stopwatch.StartNew();
        await cancellation.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => read);

        Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(1), $"cancellation took {stopwatch.Elapsed}");
    }

    [Fact]
    public async Task Cancelling_during_a_retry_wait_ends_the_read_at_once()
    {
        using var connection = Connect(s =>
        {
            s.RetryBaseDelay = TimeSpan.FromMinutes(1);
            s.MaxRetryWait = TimeSpan.FromMinutes(10);
        });
        emulator.Server.Faults.FailNext(1, FaultKind.BadGateway502);
        using var cancellation = new CancellationTokenSource();
        var read = connection.GetMessages(new KoreMessageQuery { From = from }).CollectAsync(cancellation.Token);
        await Task.Delay(300);

        var stopwatch = Stopwatch.StartNew();
        await cancellation.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => read);

        Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(1), $"cancellation took {stopwatch.Elapsed}");
    }

    [Fact]
    public async Task A_random_fault_rate_still_yields_the_complete_history()
    {
        using var connection = Connect(s => s.MaxAttempts = 10);
        // Not HtmlPageWith200: it is retried once at most, so two on one page end the read by design (RetryBudgetTests).
        emulator.Server.Faults.Kinds = [FaultKind.ServerError500, FaultKind.BadGateway502, FaultKind.DropConnection, FaultKind.TruncatedBody, FaultKind.TooManyRequestsNoRetryAfter];
        emulator.Server.Faults.Rate = 0.3;

        var messages = await connection.GetMessages(new KoreMessageQuery { From = from, To = SmallEmulator.Now, PageSize = 10 }).CollectAsync();

        Assert.Equal(emulator.MessagesBetween(from, SmallEmulator.Now).Select(m => m.MessageId), messages.Select(m => m.MessageId));
        Assert.True(emulator.Server.Stats.FaultsInjected > 0);
    }

    private KoreConnection Connect(Action<KoreConnectionSettings>? configure = null) =>
        emulator.Connect(s =>
        {
            s.RequestTimeout = TimeSpan.FromSeconds(20);
            s.RetryBaseDelay = TimeSpan.FromMilliseconds(10);
            configure?.Invoke(s);
        });
}
