namespace KoreHistory.Client.Tests.Hostile;

// Issue 12, "reconnecting, or two runspaces on one bot": every connection of the process to the same host and bot
// shares the bot's one budget, so together they stay within it as one connection would.
public sealed class ProcessWidePacingTests
{
    private static void TightLimit(KoreConnectionSettings settings) => TightLimit(settings, TimeSpan.FromSeconds(1));

    private static void TightLimit(KoreConnectionSettings settings, TimeSpan window)
    {
        settings.RequestsPerMinute = 6;
        settings.MinuteWindow = window;
        settings.MaxConcurrentRequests = 1;
        settings.MaxAttempts = 1;
    }

    [Fact]
    public async Task Two_connections_to_one_bot_read_at_once_without_a_429()
    {
        var limit = new BotRateLimit(6, TimeSpan.FromSeconds(1), 40);
        await using var server = HostileServer.Start(limit.RespondAsync);
        using var first = HostileConnections.Connect(server.BaseUri, TightLimit);
        using var second = HostileConnections.Connect(server.BaseUri, TightLimit);
        var query = HostileConnections.Query(pageSize: 5);

        var reads = await Task.WhenAll(first.GetMessages(query).CollectAsync(), second.GetMessages(query).CollectAsync());

        Assert.All(reads, read => Assert.Equal(40, read.Count));
        Assert.Equal(0, limit.Refused);
        Assert.Equal(16, server.Requests);
    }

    [Fact]
    public async Task A_reconnect_waits_for_the_budget_the_previous_connection_spent()
    {
        // A window of 3 s: the first connection's six requests fall inside it even on a loaded machine.
        var limit = new BotRateLimit(6, TimeSpan.FromSeconds(3), 30);
        await using var server = HostileServer.Start(limit.RespondAsync);
        var clock = new RecordingTimeProvider();
        var query = HostileConnections.Query(pageSize: 5);

        using (var before = Connect(server.BaseUri, clock, HostilePages.BotId))
        {
            await before.GetMessages(query).CollectAsync();
        }

        Assert.Empty(clock.Delays);
        using var after = Connect(server.BaseUri, clock, HostilePages.BotId);
        var read = await after.GetMessages(query).CollectAsync();

        Assert.Equal(30, read.Count);
        Assert.NotEmpty(clock.Delays);
        Assert.Equal(0, limit.Refused);
    }

    [Fact]
    public async Task A_connection_to_another_bot_on_the_same_host_keeps_its_own_budget()
    {
        // A window of 3 s: the first connection's six requests fall inside it even on a loaded machine.
        var limit = new BotRateLimit(6, TimeSpan.FromSeconds(3), 30);
        await using var server = HostileServer.Start(limit.RespondAsync);
        var clock = new RecordingTimeProvider();
        var query = HostileConnections.Query(pageSize: 5);
        using var first = Connect(server.BaseUri, clock, HostilePages.BotId);
        await first.GetMessages(query).CollectAsync();

        using var other = Connect(server.BaseUri, clock, "st-another-bot");
        await other.GetMessages(query).CollectAsync();

        Assert.Empty(clock.Delays);
        Assert.Equal(0, limit.Refused);
    }

    private static KoreConnection Connect(Uri baseUri, RecordingTimeProvider clock, string botId)
    {
        var settings = new KoreConnectionSettings
        {
            BaseUri = baseUri,
            BotId = botId,
            Credential = KoreCredential.FromClientSecret("cs-hostile", TestSecrets.Secure("hostile-test-secret")),
        };
        TightLimit(settings, TimeSpan.FromSeconds(3));
        return new KoreConnection(settings, clock);
    }
}
