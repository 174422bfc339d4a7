using System.Diagnostics;
using System.Net;
using System.Text.Json;

namespace KoreHistory.Emulator.Tests;

public sealed class FaultFixture : IAsyncLifetime
{
    public EmulatorServer Server { get; private set; } = null!;
    public async Task InitializeAsync() => Server = await EmulatorServer.StartAsync(EmulatorFixture.SmallOptions(60));
    public async Task DisposeAsync() => await Server.DisposeAsync();
}

/// Faults on demand look like real failures on the wire, and the request after them is served normally.
public sealed class FaultTests : IClassFixture<FaultFixture>, IDisposable
{
    private readonly EmulatorServer server;
    private readonly Api api;

    public FaultTests(FaultFixture fixture)
    {
        server = fixture.Server;
        server.Faults.Clear();
        server.Faults.Kinds = [];
        server.Stats.Reset();
        api = new Api(server);
    }

    public void Dispose()
    {
        server.Faults.Clear();
        api.Dispose();
    }

    private async Task AssertServedNormally()
    {
        var r = await api.Sessions(new { limit = 5 });
        Assert.Equal(HttpStatusCode.OK, r.Status);
        Assert.Equal(5, r.Ids("sessions", "sessionId").Count);
    }

    [Theory]
    [InlineData(FaultKind.ServerError500, 500, "application/json")]
    [InlineData(FaultKind.BadGateway502, 502, "text/html")]
    [InlineData(FaultKind.ServiceUnavailable503, 503, "application/json")]
    [InlineData(FaultKind.GatewayTimeout504, 504, "text/html")]
    [InlineData(FaultKind.Unauthorized401, 401, "application/json")]
    [InlineData(FaultKind.HtmlPageWith200, 200, "text/html")]
    public async Task Status_faults_answer_once_then_the_next_request_is_served(FaultKind kind, int status, string contentType)
    {
        server.Faults.FailNext(1, kind);
        var r = await api.Sessions(new { });
        Assert.Equal((HttpStatusCode)status, r.Status);
        Assert.Equal(contentType, r.ContentType);
        if (contentType == "text/html")
        {
            Assert.Contains("<html>", r.Body, StringComparison.Ordinal);
            Assert.ThrowsAny<JsonException>(() => JsonDocument.Parse(r.Body));
        }
        else
        {
            Assert.Equal(status == 401 ? 4002 : status, r.ErrorCode);
        }
        Assert.Equal(1, server.Stats.FaultsInjected);
        await AssertServedNormally();
    }

    [Fact]
    public async Task Rate_limit_fault_with_retry_after_in_seconds()
    {
        server.Faults.FailNext(1, FaultKind.TooManyRequestsRetryAfterSeconds);
        var r = await api.Messages(new { });
        Assert.Equal(HttpStatusCode.TooManyRequests, r.Status);
        Assert.Equal("1", r.RetryAfter);
        Assert.Contains("per-minute rate limit", r.ErrorMessage, StringComparison.Ordinal);
        await AssertServedNormally();
    }

    [Fact]
    public async Task Rate_limit_fault_with_retry_after_as_an_http_date()
    {
        server.Faults.FailNext(1, FaultKind.TooManyRequestsRetryAfterDate);
        using var request = new HttpRequestMessage(HttpMethod.Post, api.SessionsPath);
        request.Headers.Add("auth", Tokens.Demo(server));
        using var response = await api.Http.SendAsync(request);
        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        var date = response.Headers.RetryAfter?.Date;
        Assert.NotNull(date);
        Assert.InRange(date!.Value, DateTimeOffset.UtcNow.AddSeconds(-2), DateTimeOffset.UtcNow.AddSeconds(5));
        Assert.Null(response.Headers.RetryAfter!.Delta);
    }

    [Fact]
    public async Task Rate_limit_fault_without_retry_after()
    {
        server.Faults.FailNext(1, FaultKind.TooManyRequestsNoRetryAfter);
        var r = await api.Sessions(new { });
        Assert.Equal(HttpStatusCode.TooManyRequests, r.Status);
        Assert.Null(r.RetryAfter);
        Assert.Equal(429, r.ErrorCode);
    }

    [Fact]
    public async Task Rate_limit_message_under_another_status()
    {
        server.Faults.FailNext(1, FaultKind.RateLimitMessageUnderOtherStatus);
        var r = await api.Sessions(new { });
        Assert.NotEqual(HttpStatusCode.TooManyRequests, r.Status);
        Assert.NotEqual(HttpStatusCode.OK, r.Status);
        Assert.Contains("rate limit", r.ErrorMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Dropped_connection_gives_the_client_no_response()
    {
        server.Faults.FailNext(1, FaultKind.DropConnection);
        await Assert.ThrowsAsync<HttpRequestException>(() => api.Sessions(new { }));
        await AssertServedNormally();
    }

    [Fact]
    public async Task Truncated_body_is_half_the_json_then_a_closed_connection()
    {
        server.Faults.FailNext(1, FaultKind.TruncatedBody);
        using var request = new HttpRequestMessage(HttpMethod.Post, api.SessionsPath);
        request.Headers.Add("auth", Tokens.Demo(server));
        using var response = await api.Http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var declared = response.Content.Headers.ContentLength;
        Assert.True(declared > 100);
        using var stream = await response.Content.ReadAsStreamAsync();
        using var buffer = new MemoryStream();
        var failed = false;
        try { await stream.CopyToAsync(buffer); }
        catch (HttpIOException) { failed = true; }
        catch (IOException) { failed = true; }
        Assert.True(failed || buffer.Length < declared, "the body should end early");
        Assert.True(buffer.Length < declared);
        Assert.StartsWith("{\"total\":", System.Text.Encoding.UTF8.GetString(buffer.ToArray()), StringComparison.Ordinal);
        Assert.ThrowsAny<JsonException>(() => JsonDocument.Parse(buffer.ToArray()));
        await AssertServedNormally();
    }

    [Fact]
    public async Task Timeout_hangs_until_the_client_gives_up()
    {
        server.Faults.FailNext(1, FaultKind.Timeout);
        using var impatient = new Api(server, TimeSpan.FromSeconds(1));
        await Assert.ThrowsAnyAsync<TaskCanceledException>(() => impatient.Sessions(new { }));
        await AssertServedNormally();
    }

    [Fact]
    public async Task FailNext_fails_exactly_that_many_requests_on_any_route()
    {
        server.Faults.FailNext(3, FaultKind.ServerError500);
        Assert.Equal(3, server.Faults.Pending);
        Assert.Equal(HttpStatusCode.InternalServerError, (await api.Sessions(new { })).Status);
        Assert.Equal(HttpStatusCode.InternalServerError, (await api.Messages(new { })).Status);
        Assert.Equal(HttpStatusCode.InternalServerError, (await api.MessagesV2(new { })).Status);
        Assert.Equal(0, server.Faults.Pending);
        Assert.Equal(HttpStatusCode.OK, (await api.Messages(new { })).Status);
        Assert.Equal(3, server.Stats.FaultsInjected);
    }

    [Fact]
    public async Task FailNext_takes_precedence_over_random_faults()
    {
        server.Faults.Kinds = [FaultKind.ServiceUnavailable503];
        server.Faults.Rate = 1;
        server.Faults.FailNext(1, FaultKind.BadGateway502);
        Assert.Equal(HttpStatusCode.BadGateway, (await api.Sessions(new { })).Status);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await api.Sessions(new { })).Status);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await api.Sessions(new { })).Status);
    }

    [Fact]
    public async Task Random_faults_default_to_transient_server_errors()
    {
        server.Faults.Rate = 1;
        var statuses = new HashSet<HttpStatusCode>();
        for (var i = 0; i < 30; i++) statuses.Add((await api.Sessions(new { })).Status);
        Assert.Subset(new HashSet<HttpStatusCode> { HttpStatusCode.InternalServerError, HttpStatusCode.BadGateway, HttpStatusCode.ServiceUnavailable }, statuses);
        Assert.True(statuses.Count > 1);
    }

    [Fact]
    public async Task Injected_faults_do_not_use_the_rate_limit_budget()
    {
        var options = EmulatorFixture.SmallOptions(30);
        options.PerMinute = 2;
        options.MinuteWindow = TimeSpan.FromSeconds(30);
        await using var server = await EmulatorServer.StartAsync(options);
        using var api = new Api(server);
        server.Faults.FailNext(3, FaultKind.ServiceUnavailable503);
        for (var i = 0; i < 3; i++) Assert.Equal(HttpStatusCode.ServiceUnavailable, (await api.Sessions(new { })).Status);
        Assert.Equal(HttpStatusCode.OK, (await api.Sessions(new { })).Status);
        Assert.Equal(HttpStatusCode.OK, (await api.Sessions(new { })).Status);
        Assert.Equal(HttpStatusCode.TooManyRequests, (await api.Sessions(new { })).Status);
    }

    private static async Task<List<HttpStatusCode>> Statuses(int seed, double rate, int count)
    {
        var options = EmulatorFixture.SmallOptions(30);
        options.Seed = seed;
        options.FaultRate = rate;
        await using var server = await EmulatorServer.StartAsync(options);
        using var api = new Api(server);
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < count; i++) statuses.Add((await api.Sessions(new { })).Status);
        return statuses;
    }

    [Fact]
    public async Task Random_faults_are_deterministic_for_a_seed()
    {
        var first = await Statuses(seed: 3, rate: 0.3, count: 40);
        var again = await Statuses(seed: 3, rate: 0.3, count: 40);
        var otherSeed = await Statuses(seed: 4, rate: 0.3, count: 40);
        Assert.Equal(first, again);
        Assert.NotEqual(first, otherSeed);
        Assert.Contains(HttpStatusCode.OK, first);
        Assert.Contains(first, s => (int)s >= 500);
        Assert.InRange(first.Count(s => s != HttpStatusCode.OK), 4, 24);
    }

    [Fact]
    public async Task Command_line_fault_kinds_restrict_random_faults()
    {
        var options = EmulatorFixture.SmallOptions(30);
        options.FaultRate = 1;
        options.FaultKinds.Add(FaultKind.GatewayTimeout504);
        await using var server = await EmulatorServer.StartAsync(options);
        using var api = new Api(server);
        for (var i = 0; i < 5; i++) Assert.Equal(HttpStatusCode.GatewayTimeout, (await api.Messages(new { })).Status);
        server.Faults.Rate = 0;
        Assert.Equal(HttpStatusCode.OK, (await api.Messages(new { })).Status);
    }

    [Fact]
    public async Task Latency_is_added_to_every_answer()
    {
        var options = EmulatorFixture.SmallOptions(30);
        options.LatencyMs = 300;
        await using var server = await EmulatorServer.StartAsync(options);
        using var api = new Api(server);
        var watch = Stopwatch.StartNew();
        Assert.Equal(HttpStatusCode.OK, (await api.Sessions(new { })).Status);
        Assert.True(watch.ElapsedMilliseconds >= 290, $"{watch.ElapsedMilliseconds} ms");
    }

    [Fact]
    public async Task Stopping_the_emulator_ends_a_hanging_request()
    {
        var options = EmulatorFixture.SmallOptions(30);
        var server = await EmulatorServer.StartAsync(options);
        using var api = new Api(server, TimeSpan.FromMinutes(5));
        server.Faults.FailNext(1, FaultKind.Timeout);
        var hanging = api.Sessions(new { });
        while (server.Faults.Pending > 0) await Task.Delay(20);
        await server.DisposeAsync();
        await Assert.ThrowsAsync<HttpRequestException>(() => hanging);
    }
}
