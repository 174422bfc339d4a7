using System.Net;

namespace KoreHistory.Emulator.Tests;

/// Per-bot rolling windows, shortened so no test waits on a real minute.
public sealed class RateLimitTests
{
    private const string PerMinute = "You've exceeded the per-minute rate limit. Please wait for sometime before retrying.";
    private const string Hourly = "You've exceeded the hourly rate limit. Please wait for sometime before retrying.";

    private static Task<EmulatorServer> Start(int perMinute, int perHour, double minuteSeconds, double hourSeconds)
    {
        var options = EmulatorFixture.SmallOptions(60);
        options.PerMinute = perMinute;
        options.PerHour = perHour;
        options.MinuteWindow = TimeSpan.FromSeconds(minuteSeconds);
        options.HourWindow = TimeSpan.FromSeconds(hourSeconds);
        return EmulatorServer.StartAsync(options);
    }

    private static void AssertLimited(ApiResponse r, string message, int minRetry, int maxRetry)
    {
        Assert.Equal(HttpStatusCode.TooManyRequests, r.Status);
        Assert.Equal(message, r.ErrorMessage);
        Assert.Equal(429, r.ErrorCode);
        Assert.NotNull(r.RetryAfter);
        Assert.InRange(int.Parse(r.RetryAfter!, System.Globalization.CultureInfo.InvariantCulture), minRetry, maxRetry);
    }

    [Fact]
    public async Task Past_the_per_minute_limit_the_answer_is_429_with_retry_after_in_seconds()
    {
        await using var server = await Start(perMinute: 3, perHour: 100, minuteSeconds: 20, hourSeconds: 60);
        using var api = new Api(server);
        for (var i = 0; i < 3; i++) Assert.Equal(HttpStatusCode.OK, (await api.Sessions(new { })).Status);
        AssertLimited(await api.Sessions(new { }), PerMinute, 19, 20);
        AssertLimited(await api.Messages(new { }), PerMinute, 19, 20);
        Assert.Equal(2, server.Stats.TooManyRequests);
        Assert.Equal(5, server.Stats.TotalRequests);
        Assert.Equal(3, server.Stats.Succeeded);
    }

    [Fact]
    public async Task Past_the_hourly_limit_the_answer_is_429_even_when_the_minute_window_is_clear()
    {
        await using var server = await Start(perMinute: 2, perHour: 3, minuteSeconds: 0.3, hourSeconds: 30);
        using var api = new Api(server);
        Assert.Equal(HttpStatusCode.OK, (await api.Sessions(new { })).Status);
        Assert.Equal(HttpStatusCode.OK, (await api.Messages(new { })).Status);
        AssertLimited(await api.Sessions(new { }), PerMinute, 1, 1);
        await Task.Delay(TimeSpan.FromSeconds(0.5));
        Assert.Equal(HttpStatusCode.OK, (await api.Sessions(new { })).Status);
        await Task.Delay(TimeSpan.FromSeconds(0.5));
        AssertLimited(await api.Sessions(new { }), Hourly, 2, 30);
    }

    [Fact]
    public async Task Refused_requests_do_not_use_up_the_budget()
    {
        await using var server = await Start(perMinute: 2, perHour: 4, minuteSeconds: 0.4, hourSeconds: 30);
        using var api = new Api(server);
        for (var i = 0; i < 2; i++) Assert.Equal(HttpStatusCode.OK, (await api.Sessions(new { })).Status);
        for (var i = 0; i < 3; i++) Assert.Equal(HttpStatusCode.TooManyRequests, (await api.Sessions(new { })).Status);
        await Task.Delay(TimeSpan.FromSeconds(0.6));
        // Had the three refusals counted, the hourly budget of 4 would already be spent.
        for (var i = 0; i < 2; i++) Assert.Equal(HttpStatusCode.OK, (await api.Sessions(new { })).Status);
        await Task.Delay(TimeSpan.FromSeconds(0.6));
        AssertLimited(await api.Sessions(new { }), Hourly, 1, 30);
    }

    [Fact]
    public async Task The_minute_window_rolls_one_request_at_a_time()
    {
        await using var server = await Start(perMinute: 2, perHour: 100, minuteSeconds: 2, hourSeconds: 60);
        using var api = new Api(server);
        var first = DateTime.UtcNow;
        Assert.Equal(HttpStatusCode.OK, (await api.Sessions(new { })).Status);
        await Task.Delay(TimeSpan.FromSeconds(1));
        Assert.Equal(HttpStatusCode.OK, (await api.Sessions(new { })).Status);
        AssertLimited(await api.Sessions(new { }), PerMinute, 1, 1);
        // Wait until the first request has left the window, but not the second.
        var firstLeaves = first.AddSeconds(2.3) - DateTime.UtcNow;
        if (firstLeaves > TimeSpan.Zero) await Task.Delay(firstLeaves);
        Assert.Equal(HttpStatusCode.OK, (await api.Sessions(new { })).Status);
        Assert.Equal(HttpStatusCode.TooManyRequests, (await api.Sessions(new { })).Status);
    }

    [Fact]
    public async Task Each_bot_has_its_own_budget_and_the_admin_routes_share_one()
    {
        await using var server = await Start(perMinute: 1, perHour: 100, minuteSeconds: 30, hourSeconds: 60);
        using var api = new Api(server);
        var admin = Tokens.Admin(server);
        Assert.Equal(HttpStatusCode.OK, (await api.Sessions(new { })).Status);
        Assert.Equal(HttpStatusCode.TooManyRequests, (await api.Messages(new { })).Status);
        var otherBot = server.Data.BotIds[1];
        Assert.Equal(HttpStatusCode.OK, (await api.Send(HttpMethod.Post, $"/api/public/bot/{otherBot}/getSessions", new { }, admin)).Status);
        Assert.Equal(HttpStatusCode.TooManyRequests, (await api.Send(HttpMethod.Post, $"/api/public/bot/{otherBot}/getMessages", new { }, admin)).Status);
        Assert.Equal(HttpStatusCode.OK, (await api.Send(HttpMethod.Post, "/api/public/getSessions", new { }, admin)).Status);
        Assert.Equal(HttpStatusCode.TooManyRequests, (await api.Send(HttpMethod.Post, "/api/public/getMessages", new { }, admin)).Status);
        Assert.Equal(3, server.Stats.TooManyRequests);
    }

    [Fact]
    public async Task Unauthenticated_requests_are_not_counted_but_rejected_arguments_are()
    {
        await using var server = await Start(perMinute: 2, perHour: 100, minuteSeconds: 30, hourSeconds: 60);
        using var api = new Api(server);
        for (var i = 0; i < 5; i++) Assert.Equal(HttpStatusCode.Unauthorized, (await api.Sessions(new { }, "not-a-token")).Status);
        Assert.Equal(HttpStatusCode.PreconditionFailed, (await api.Sessions(new { limit = 0 })).Status);
        Assert.Equal(HttpStatusCode.OK, (await api.Sessions(new { })).Status);
        Assert.Equal(HttpStatusCode.TooManyRequests, (await api.Sessions(new { })).Status);
    }

    [Fact]
    public async Task ResetRateLimits_gives_a_fresh_budget()
    {
        await using var server = await Start(perMinute: 1, perHour: 100, minuteSeconds: 30, hourSeconds: 60);
        using var api = new Api(server);
        Assert.Equal(HttpStatusCode.OK, (await api.Sessions(new { })).Status);
        Assert.Equal(HttpStatusCode.TooManyRequests, (await api.Sessions(new { })).Status);
        server.ResetRateLimits();
        Assert.Equal(HttpStatusCode.OK, (await api.Sessions(new { })).Status);
    }

    [Fact]
    public void Defaults_are_kores_limits()
    {
        var options = new EmulatorOptions();
        Assert.Equal(60, options.PerMinute);
        Assert.Equal(1800, options.PerHour);
        Assert.Equal(TimeSpan.FromSeconds(60), options.MinuteWindow);
        Assert.Equal(TimeSpan.FromHours(1), options.HourWindow);
    }

    [Fact]
    public async Task Concurrent_requests_get_exactly_the_budget()
    {
        await using var server = await Start(perMinute: 10, perHour: 100, minuteSeconds: 60, hourSeconds: 120);
        using var api = new Api(server);
        var tokens = Enumerable.Range(0, 30).Select(_ => Tokens.Demo(server)).ToList();
        var answers = await Task.WhenAll(tokens.Select(t => api.Messages(new { limit = 1 }, t)));
        Assert.Equal(10, answers.Count(a => a.Status == HttpStatusCode.OK));
        Assert.Equal(20, answers.Count(a => a.Status == HttpStatusCode.TooManyRequests));
        Assert.Equal(20, server.Stats.TooManyRequests);
    }
}
