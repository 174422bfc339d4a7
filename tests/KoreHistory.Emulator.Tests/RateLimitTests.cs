using System.Net;

namespace KoreHistory.Emulator.Tests;

/// Per-bot rolling windows, on a manual clock so no test waits on a real minute.
public sealed class RateLimitTests
{
    private const string PerMinute = "You've exceeded the per-minute rate limit. Please wait for sometime before retrying.";
    private const string Hourly = "You've exceeded the hourly rate limit. Please wait for sometime before retrying.";

    private static Task<EmulatorServer> Start(int perMinute, int perHour, TimeProvider? clock = null, double minuteSeconds = 60, double hourSeconds = 3600)
    {
        var options = EmulatorFixture.SmallOptions(60);
        options.PerMinute = perMinute;
        options.PerHour = perHour;
        options.MinuteWindow = TimeSpan.FromSeconds(minuteSeconds);
        options.HourWindow = TimeSpan.FromSeconds(hourSeconds);
        if (clock is not null) options.RateLimitClock = clock;
        return EmulatorServer.StartAsync(options);
    }

    private static void AssertLimited(ApiResponse r, string message, int retryAfter)
    {
        Assert.Equal(HttpStatusCode.TooManyRequests, r.Status);
        Assert.Equal(message, r.ErrorMessage);
        Assert.Equal(429, r.ErrorCode);
        Assert.Equal(retryAfter.ToString(System.Globalization.CultureInfo.InvariantCulture), r.RetryAfter);
    }

    private static async Task AssertOk(Task<ApiResponse> call) => Assert.Equal(HttpStatusCode.OK, (await call).Status);

    [Fact]
    public async Task Past_the_per_minute_limit_the_answer_is_429_with_retry_after_in_seconds()
    {
        var clock = new ManualClock();
        await using var server = await Start(perMinute: 3, perHour: 100, clock);
        using var api = new Api(server);
        for (var i = 0; i < 3; i++)
        {
            await AssertOk(api.Sessions(new { }));
            clock.Advance(TimeSpan.FromSeconds(10));
        }
        // The first request leaves the window 60 s after it was made, i.e. 30 s from now.
        AssertLimited(await api.Sessions(new { }), PerMinute, 30);
        clock.Advance(TimeSpan.FromMilliseconds(29_500));
        AssertLimited(await api.Messages(new { }), PerMinute, 1);
        Assert.Equal(2, server.Stats.TooManyRequests);
        Assert.Equal(5, server.Stats.TotalRequests);
        Assert.Equal(3, server.Stats.Succeeded);
    }

    [Fact]
    public async Task The_minute_window_rolls_one_request_at_a_time()
    {
        var clock = new ManualClock();
        await using var server = await Start(perMinute: 2, perHour: 100, clock);
        using var api = new Api(server);
        await AssertOk(api.Sessions(new { }));
        clock.Advance(TimeSpan.FromSeconds(40));
        await AssertOk(api.Sessions(new { }));
        AssertLimited(await api.Sessions(new { }), PerMinute, 20);
        clock.Advance(TimeSpan.FromMilliseconds(19_999));
        AssertLimited(await api.Sessions(new { }), PerMinute, 1);
        clock.Advance(TimeSpan.FromMilliseconds(1));
        // Exactly 60 s after the first request: it has left the window, the second has not.
        await AssertOk(api.Sessions(new { }));
        AssertLimited(await api.Sessions(new { }), PerMinute, 40);
    }

    [Fact]
    public async Task Past_the_hourly_limit_the_answer_is_429_even_when_the_minute_window_is_clear()
    {
        var clock = new ManualClock();
        await using var server = await Start(perMinute: 2, perHour: 3, clock);
        using var api = new Api(server);
        await AssertOk(api.Sessions(new { }));
        await AssertOk(api.Messages(new { }));
        AssertLimited(await api.Sessions(new { }), PerMinute, 60);
        clock.Advance(TimeSpan.FromMinutes(2));
        await AssertOk(api.MessagesV2(new { }));
        clock.Advance(TimeSpan.FromMinutes(2));
        // Three requests in the hour; the first leaves it at 60 min, 56 min from now.
        AssertLimited(await api.Sessions(new { }), Hourly, 56 * 60);
        clock.Advance(TimeSpan.FromMinutes(56));
        await AssertOk(api.Sessions(new { }));
    }

    [Fact]
    public async Task Refused_requests_do_not_use_up_the_budget()
    {
        var clock = new ManualClock();
        await using var server = await Start(perMinute: 2, perHour: 4, clock);
        using var api = new Api(server);
        for (var i = 0; i < 2; i++) await AssertOk(api.Sessions(new { }));
        for (var i = 0; i < 3; i++) Assert.Equal(HttpStatusCode.TooManyRequests, (await api.Sessions(new { })).Status);
        clock.Advance(TimeSpan.FromSeconds(61));
        // Had the three refusals counted, the hourly budget of 4 would already be spent.
        for (var i = 0; i < 2; i++) await AssertOk(api.Sessions(new { }));
        clock.Advance(TimeSpan.FromSeconds(61));
        AssertLimited(await api.Sessions(new { }), Hourly, 3600 - 122);
    }

    [Fact]
    public async Task When_both_windows_are_full_the_longer_wait_is_reported()
    {
        var clock = new ManualClock();
        await using var server = await Start(perMinute: 2, perHour: 2, clock);
        using var api = new Api(server);
        for (var i = 0; i < 2; i++) await AssertOk(api.Sessions(new { }));
        AssertLimited(await api.Sessions(new { }), Hourly, 3600);
    }

    [Fact]
    public async Task Each_bot_has_its_own_budget_and_the_admin_routes_share_one()
    {
        await using var server = await Start(perMinute: 1, perHour: 100, new ManualClock());
        using var api = new Api(server);
        var admin = Tokens.Admin(server);
        await AssertOk(api.Sessions(new { }));
        Assert.Equal(HttpStatusCode.TooManyRequests, (await api.Messages(new { })).Status);
        Assert.Equal(HttpStatusCode.TooManyRequests, (await api.MessagesV2(new { })).Status);
        var otherBot = server.Data.BotIds[1];
        await AssertOk(api.Send(HttpMethod.Post, $"/api/public/bot/{otherBot}/getSessions", new { }, admin));
        Assert.Equal(HttpStatusCode.TooManyRequests, (await api.Send(HttpMethod.Post, $"/api/public/bot/{otherBot}/getMessages", new { }, admin)).Status);
        await AssertOk(api.Send(HttpMethod.Post, "/api/public/getSessions", new { }, admin));
        Assert.Equal(HttpStatusCode.TooManyRequests, (await api.Send(HttpMethod.Post, "/api/public/getMessages", new { }, admin)).Status);
        Assert.Equal(4, server.Stats.TooManyRequests);
    }

    [Fact]
    public async Task Unauthenticated_requests_are_not_counted_but_rejected_arguments_are()
    {
        await using var server = await Start(perMinute: 2, perHour: 100, new ManualClock());
        using var api = new Api(server);
        for (var i = 0; i < 5; i++) Assert.Equal(HttpStatusCode.Unauthorized, (await api.Sessions(new { }, "not-a-token")).Status);
        Assert.Equal(HttpStatusCode.PreconditionFailed, (await api.Sessions(new { limit = 0 })).Status);
        await AssertOk(api.Sessions(new { }));
        Assert.Equal(HttpStatusCode.TooManyRequests, (await api.Sessions(new { })).Status);
    }

    [Fact]
    public async Task ResetRateLimits_gives_a_fresh_budget()
    {
        await using var server = await Start(perMinute: 1, perHour: 100, new ManualClock());
        using var api = new Api(server);
        await AssertOk(api.Sessions(new { }));
        Assert.Equal(HttpStatusCode.TooManyRequests, (await api.Sessions(new { })).Status);
        server.ResetRateLimits();
        await AssertOk(api.Sessions(new { }));
    }

    [Fact]
    public async Task Concurrent_requests_get_exactly_the_budget()
    {
        await using var server = await Start(perMinute: 10, perHour: 100, new ManualClock());
        using var api = new Api(server);
        var tokens = Enumerable.Range(0, 30).Select(_ => Tokens.Demo(server)).ToList();
        var answers = await Task.WhenAll(tokens.Select(t => api.Messages(new { limit = 1 }, t)));
        Assert.Equal(10, answers.Count(a => a.Status == HttpStatusCode.OK));
        Assert.Equal(20, answers.Count(a => a.Status == HttpStatusCode.TooManyRequests));
        Assert.Equal(20, server.Stats.TooManyRequests);
    }

    [Fact]
    public async Task Short_windows_on_the_real_clock_free_up()
    {
        // The real clock path, with margins wide enough for a loaded machine: only "later than the window" is waited for.
        await using var server = await Start(perMinute: 1, perHour: 100, minuteSeconds: 1);
        using var api = new Api(server);
        await AssertOk(api.Sessions(new { }));
        var refused = await api.Sessions(new { });
        if (refused.Status == HttpStatusCode.TooManyRequests) Assert.Equal("1", refused.RetryAfter);
        await Task.Delay(TimeSpan.FromSeconds(1.2));
        await AssertOk(api.Sessions(new { }));
    }

    [Fact]
    public void Defaults_are_kores_limits()
    {
        var options = new EmulatorOptions();
        Assert.Equal(60, options.PerMinute);
        Assert.Equal(1800, options.PerHour);
        Assert.Equal(TimeSpan.FromSeconds(60), options.MinuteWindow);
        Assert.Equal(TimeSpan.FromHours(1), options.HourWindow);
        Assert.Same(TimeProvider.System, options.RateLimitClock);
    }
}
