using System.Text.Json;

namespace KoreHistory.Emulator.Tests;

/// The generated history itself: deterministic, inside its bounds, and varied enough to exercise a client.
[Collection(SharedEmulator.Name)]
public sealed class DataTests : SharedEmulatorTests
{
    public DataTests(EmulatorFixture fixture) : base(fixture) { }

    private List<EmulatedMessage> AllMessages() => Data.BotIds.SelectMany(b => Data.Messages(b)).ToList();

    [Fact]
    public async Task The_same_seed_gives_the_same_history_and_another_seed_a_different_one()
    {
        await using var twin = await EmulatorServer.StartAsync(EmulatorFixture.SmallOptions());
        Assert.Equal(Data.Sessions.Select(Describe), twin.Data.Sessions.Select(Describe));
        Assert.Equal(AllMessages().Select(Describe), twin.Data.BotIds.SelectMany(b => twin.Data.Messages(b)).Select(Describe));

        var otherOptions = EmulatorFixture.SmallOptions();
        otherOptions.Seed = 8;
        await using var other = await EmulatorServer.StartAsync(otherOptions);
        Assert.NotEqual(Data.Sessions.Select(s => s.SessionId), other.Data.Sessions.Select(s => s.SessionId));
    }

    private static string Describe(EmulatedSession s) =>
        $"{s.SessionId}|{s.BotId}|{s.UserId}|{s.Channel}|{s.StartTime:O}|{s.EndTime:O}|{s.SessionType}|{s.ContainmentType}|{s.MessageCount}|{string.Join(',', s.UserTags)}|{string.Join(',', s.SessionTags)}";

    private static string Describe(EmulatedMessage m) => $"{m.MessageId}|{m.SessionId}|{m.Type}|{m.CreatedOn:O}|{m.Text}|{string.Join(',', m.MessageTags)}";

    [Fact]
    public void Sizes_follow_the_options()
    {
        Assert.Equal(3, Data.BotIds.Count);
        Assert.Equal(Server.Options.BotId, Data.BotIds[0]);
        Assert.Equal(Server.Options.Sessions, Data.Sessions.Count(s => s.BotId == Data.BotIds[0]));
        Assert.All(Data.BotIds.Skip(1), b => Assert.Contains(Data.Sessions, s => s.BotId == b));
        var average = Data.Sessions.Where(s => s.BotId == Data.BotIds[0]).Average(s => s.MessageCount);
        Assert.InRange(average, Server.Options.MessagesPerSession * 0.8, Server.Options.MessagesPerSession * 1.2);
        Assert.Equal(Data.Sessions.Sum(s => (long)s.MessageCount), Data.MessageCount);
    }

    [Fact]
    public void Sessions_lie_in_the_last_N_days_ordered_by_start_and_the_last_week_has_history()
    {
        var now = EmulatorFixture.PinnedNow;
        Assert.Equal(now, Data.Now);
        Assert.All(Data.Sessions, s =>
        {
            Assert.InRange(s.StartTime, now.AddDays(-Server.Options.Days), now.AddMilliseconds(-1));
            Assert.InRange(s.EndTime, s.StartTime, now.AddMilliseconds(-1));
        });
        Assert.Equal(Data.Sessions.OrderBy(s => s.StartTime).Select(s => s.SessionId), Data.Sessions.Select(s => s.SessionId));
        Assert.Contains(Data.Sessions, s => s.BotId == Data.BotIds[0] && s.StartTime >= now.AddDays(-1));
        Assert.True(Data.Sessions.Count(s => s.BotId == Data.BotIds[0] && s.StartTime >= now.AddDays(-7)) > 50);
    }

    [Fact]
    public void Messages_lie_inside_their_session_and_match_its_count()
    {
        // Issue 11: "inside" is what real tenants show, not start_time–end_time: the first message up to 300 ms before
        // start_time, the rest up to the end of the conversation, an idle-timeout message up to 20 minutes after end_time.
        foreach (var s in Data.Sessions)
        {
            var messages = Data.MessagesOf(s.SessionId);
            Assert.Equal(s.MessageCount, messages.Count);
            Assert.All(messages, m =>
            {
                Assert.Equal(s.SessionId, m.SessionId);
                Assert.Equal(s.BotId, m.BotId);
                Assert.Equal(s.UserId, m.UserId);
                Assert.Equal(s.Channel, m.Channel);
                Assert.InRange(m.CreatedOn, s.StartTime.AddMilliseconds(-300), s.EndTime.AddMinutes(31));
                Assert.True(m.CreatedOn < Data.Now);
            });
            Assert.Equal(messages.OrderBy(m => m.CreatedOn).Select(m => m.MessageId), messages.Select(m => m.MessageId));
            if (s.SessionType == "interactive") Assert.Contains(messages, m => m.Incoming);
            else Assert.DoesNotContain(messages, m => m.Incoming);
        }
    }

    [Fact]
    public void Ids_are_unique_and_shaped_like_kores()
    {
        Assert.Equal(Data.Sessions.Count, Data.Sessions.Select(s => s.SessionId).Distinct().Count());
        Assert.All(Data.Sessions, s => Assert.Matches("^[0-9a-f]{24}$", s.SessionId));
        Assert.All(Data.BotIds, b => Assert.StartsWith("st-", b, StringComparison.Ordinal));
        Assert.All(Data.Sessions, s => Assert.StartsWith("u-", s.UserId, StringComparison.Ordinal));
        var messages = AllMessages();
        Assert.Equal(messages.Count, messages.Select(m => m.MessageId).Distinct().Count());
        Assert.All(messages, m => Assert.Matches("^ms-[0-9a-f]{24}$", m.MessageId));
        var components = messages.SelectMany(m => m.Components).Select(c => c.Id).ToList();
        Assert.Equal(components.Count, components.Distinct().Count());
    }

    [Fact]
    public void The_history_is_varied()
    {
        var sessions = Data.Sessions.Where(s => s.BotId == Data.BotIds[0]).ToList();
        Assert.True(sessions.Select(s => s.Channel).Distinct().Count() >= 8);
        Assert.True(sessions.Select(s => s.UserId).Distinct().Count() >= 10);
        Assert.True(sessions.SelectMany(s => s.Languages).Distinct().Count() >= 3);
        Assert.Contains(sessions, s => s.Languages.Count > 1);
        Assert.Equal(2, sessions.Select(s => s.SessionType).Distinct().Count());
        Assert.Equal(3, sessions.Select(s => s.ContainmentType).Distinct().Count());
        Assert.Contains(sessions, s => s.IsDeveloper);
        Assert.Contains(sessions, s => s.Status == "closed");
        Assert.All(Data.BotIds, bot => Assert.Equal("active", Data.Sessions.Last(s => s.BotId == bot).Status));
        Assert.All(sessions.Where(s => s.Status == "active"), s => Assert.True(s.StartTime > EmulatorFixture.PinnedNow.AddHours(-1)));
        Assert.Contains(sessions, s => s.SessionTags.Count > 0);
        Assert.Contains(sessions, s => s.SessionTags.Count == 0);
        Assert.Contains(sessions, s => s.UserTags.Count > 1);
        Assert.Contains(sessions, s => s.IvrInstanceId == EmulatorData.IvrFirstInstance);
        Assert.Contains(sessions, s => s.IvrInstanceId == EmulatorData.IvrSecondInstance);

        var messages = Data.Messages(Data.BotIds[0]).ToList();
        var types = messages.SelectMany(m => m.Components).Select(c => c.ContentType).Distinct().Order().ToList();
        Assert.Equal(["action", "alert", "attachment", "image", "text"], types);
        Assert.Contains(messages, m => m.MessageTags.Count > 0);
        Assert.Contains(messages, m => m.Text.Contains('\n', StringComparison.Ordinal));
        Assert.Contains(messages, m => m.Text.Any(c => c > 127));
        var templates = messages.Where(m => m.Text.StartsWith('{')).ToList();
        Assert.NotEmpty(templates);
        Assert.All(templates, t =>
        {
            using var doc = JsonDocument.Parse(t.Text);
            // Voice-gateway (korevg) bots store JSON commands in data.text, other bots templates (issue 11).
            Assert.Equal(t.Channel == "korevg" ? "command" : "template", doc.RootElement.GetProperty("type").GetString());
        });
    }

    [Fact]
    public void Large_histories_are_generated_without_a_copy_per_message()
    {
        // 20,000 sessions x 8 messages: materialising them as objects is what this design avoids; the index is 16 bytes each.
        var before = GC.GetTotalMemory(forceFullCollection: true);
        var options = new EmulatorOptions { Sessions = 20_000, Days = 30, Now = EmulatorFixture.PinnedNow };
        var data = new EmulatorData(options, EmulatorFixture.PinnedNow, () => EmulatorFixture.PinnedNow);
        var after = GC.GetTotalMemory(forceFullCollection: true);
        Assert.InRange(data.MessageCount, 20_000 * 8 * 0.9, 20_000 * 8 * 1.1);
        Assert.True(after - before < 60L * 1024 * 1024, $"{(after - before) / 1024 / 1024} MB for {data.MessageCount} messages");
        GC.KeepAlive(data);
    }
}
