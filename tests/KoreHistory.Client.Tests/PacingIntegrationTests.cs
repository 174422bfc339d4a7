using KoreHistory.Emulator;
using Microsoft.Extensions.Time.Testing;

namespace KoreHistory.Client.Tests;

// The emulator enforces short rolling windows; the client, configured the same way, never gets a 429.
public sealed class PacingIntegrationTests : IAsyncLifetime
{
    private EmulatorServer server = null!;

    public async Task InitializeAsync()
    {
        var options = new EmulatorOptions
        {
            Now = EmulatorFixtureBase.Now,
            Sessions = 40,
            Days = 3,
            MessagesPerSession = 3,
            PerMinute = 8,
            MinuteWindow = TimeSpan.FromSeconds(1),
            PerHour = 14,
            HourWindow = TimeSpan.FromSeconds(3),
        };
        server = await EmulatorServer.StartAsync(options);
    }

    public async Task DisposeAsync() => await server.DisposeAsync();

    [Fact]
    public async Task Pacing_holds_a_tight_limit_with_zero_429s_even_for_parallel_reads()
    {
        using var connection = Connect();
        var from = EmulatorFixtureBase.Now.AddDays(-3);
        var query = new KoreMessageQuery { From = from, To = EmulatorFixtureBase.Now, PageSize = 15 };
        var log = new RequestRecorder();

        var reads = await Task.WhenAll(
            connection.GetMessages(query, log.Options).CollectAsync(),
            connection.GetMessages(query, log.Options).CollectAsync());

        var expected = server.Data.Messages(server.Options.BotId).Where(m => m.CreatedOn >= from).Reverse().Select(m => m.MessageId).ToList();
        Assert.All(reads, read => Assert.Equal(expected, read.Select(m => m.MessageId)));
        Assert.True(log.Entries.Count > 14, $"only {log.Entries.Count} requests: the hourly window was not exercised");
        Assert.Equal(0, server.Stats.TooManyRequests);
        Assert.All(log.Entries, e => Assert.Equal(200, e.StatusCode));
    }

    [Fact]
    public async Task Many_concurrent_page_requests_share_the_budget_with_zero_429s()
    {
        using var connection = Connect(maxConcurrentRequests: KoreConnectionSettings.MaxConcurrentRequestsLimit);
        var from = EmulatorFixtureBase.Now.AddDays(-3);
        var log = new RequestRecorder();

        var read = await connection.GetMessages(new KoreMessageQuery { From = from, To = EmulatorFixtureBase.Now, PageSize = 5 }, log.Options).CollectAsync();

        var expected = server.Data.Messages(server.Options.BotId).Where(m => m.CreatedOn >= from).Reverse().Select(m => m.MessageId).ToList();
        Assert.Equal(expected, read.Select(m => m.MessageId));
        Assert.True(log.Entries.Count > 14, $"only {log.Entries.Count} requests: the hourly window was not exercised");
        Assert.Equal(0, server.Stats.TooManyRequests);
    }

    private KoreConnection Connect(int maxConcurrentRequests = KoreConnectionSettings.DefaultMaxConcurrentRequests)
    {
        var options = server.Options;
        return new KoreConnection(
            new KoreConnectionSettings
            {
                BaseUri = server.BaseUri,
                BotId = options.BotId,
                Credential = KoreCredential.FromClientSecret(options.ClientId, TestSecrets.Secure(options.ClientSecret)),
                RequestsPerMinute = options.PerMinute,
                MinuteWindow = options.MinuteWindow,
                RequestsPerHour = options.PerHour,
                HourWindow = options.HourWindow,
                MaxAttempts = 1,
                MaxConcurrentRequests = maxConcurrentRequests,
            },
            TimeProvider.System,
            new FakeTimeProvider(server.Data.Now));
    }
}
