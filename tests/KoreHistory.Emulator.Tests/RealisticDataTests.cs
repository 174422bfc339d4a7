using System.Globalization;
using System.Text.Json;

namespace KoreHistory.Emulator.Tests;

/// Issue 11: the default history is shaped like real tenants' (the xob-cat captures and Kore's docs, see the README):
/// messages outside their session's span, sessions that end where they start, idle-timeout messages after the end,
/// session ids a little after start_time, and voice-gateway bots whose words are JSON commands.
public sealed class RealisticDataTests
{
    // Large enough for the shares to be stable, small enough to build in a blink.
    private static readonly EmulatorData Data = new(
        new EmulatorOptions { Seed = 11, Sessions = 4000, Days = 30, MessagesPerSession = 8, Now = EmulatorFixture.PinnedNow },
        EmulatorFixture.PinnedNow,
        () => EmulatorFixture.PinnedNow);

    private static readonly List<(EmulatedSession Session, IReadOnlyList<EmulatedMessage> Messages)> Conversations =
        Data.Sessions.Select(s => (s, Data.MessagesOf(s.SessionId))).ToList();

    private static bool Outside(EmulatedSession s, EmulatedMessage m) => m.CreatedOn < s.StartTime || m.CreatedOn > s.EndTime;

    [Fact]
    public void About_a_tenth_of_messages_lie_outside_their_sessions_span_in_about_a_fifth_of_the_sessions()
    {
        // xob-cat's 2025-07-23 captures: 174 of 1,964 messages (8.9 %) outside, in 24 of 106 sessions (22.6 %).
        var messages = Conversations.Sum(c => c.Messages.Count);
        var outside = Conversations.Sum(c => c.Messages.Count(m => Outside(c.Session, m)));
        var sessions = Conversations.Count(c => c.Messages.Any(m => Outside(c.Session, m)));
        Assert.InRange((double)outside / messages, 0.06, 0.14);
        Assert.InRange((double)sessions / Conversations.Count, 0.14, 0.30);
    }

    [Fact]
    public void Some_sessions_end_where_they_start_with_the_first_message_just_before_and_the_conversation_after()
    {
        var zeroLength = Conversations.Where(c => c.Session.EndTime == c.Session.StartTime && c.Messages.Count > 1).ToList();
        Assert.InRange((double)zeroLength.Count / Conversations.Count, 0.05, 0.15);
        Assert.All(zeroLength, c =>
        {
            Assert.InRange((c.Session.StartTime - c.Messages[0].CreatedOn).TotalMilliseconds, 40, 300);
            Assert.All(c.Messages.Skip(1), m => Assert.True(m.CreatedOn > c.Session.EndTime));
        });
    }

    [Fact]
    public void Other_sessions_may_have_their_first_message_a_few_ms_before_start_or_their_last_seconds_after_the_end()
    {
        var normal = Conversations.Where(c => c.Session.EndTime > c.Session.StartTime).ToList();
        var early = normal.Where(c => c.Messages[0].CreatedOn < c.Session.StartTime).ToList();
        Assert.NotEmpty(early);
        Assert.All(early, c => Assert.InRange((c.Session.StartTime - c.Messages[0].CreatedOn).TotalMilliseconds, 1, 100));
        var trailing = normal.Where(c => c.Messages.Any(m => m.CreatedOn > c.Session.EndTime && (m.CreatedOn - c.Session.EndTime).TotalSeconds <= 10)).ToList();
        Assert.NotEmpty(trailing);
    }

    [Fact]
    public void Idle_timeout_messages_come_from_the_bot_15_to_20_minutes_after_the_end()
    {
        var idle = Conversations
            .SelectMany(c => c.Messages.Where(m => m.SpokenText == HistoryGenerator.IdleTimeoutText).Select(m => (c.Session, Message: m)))
            .ToList();
        Assert.InRange(idle.Count, Conversations.Count / 40, Conversations.Count / 5);
        Assert.All(idle, i =>
        {
            Assert.False(i.Message.Incoming);
            Assert.InRange((i.Message.CreatedOn - i.Session.EndTime).TotalMinutes, 15, 20);
            Assert.Equal(i.Message.MessageId, Data.MessagesOf(i.Session.SessionId)[^1].MessageId);
        });

        // Apart from those, a session that does not end where it starts has nothing more than 10 s after its end.
        Assert.All(Conversations.Where(c => c.Session.EndTime > c.Session.StartTime), c =>
            Assert.All(c.Messages.Where(m => m.SpokenText != HistoryGenerator.IdleTimeoutText), m =>
                Assert.True(m.CreatedOn <= c.Session.EndTime.AddSeconds(10), $"{m} after {c.Session.EndTime:O}")));
    }

    [Fact]
    public void Session_ids_encode_their_creation_second_at_start_or_up_to_ten_minutes_later()
    {
        var offsets = Data.Sessions
            .Select(s => (Session: s, Seconds: long.Parse(s.SessionId[..8], NumberStyles.HexNumber, CultureInfo.InvariantCulture) - s.StartTime.ToUnixTimeSeconds()))
            .ToList();
        Assert.All(offsets, o => Assert.True(o.Seconds == 0 || o.Seconds is >= 529 and <= 581, $"{o.Session}: {o.Seconds} s"));
        Assert.All(offsets.Where(o => o.Seconds != 0), o => Assert.Equal("dropOff", o.Session.ContainmentType));
        Assert.Contains(offsets, o => o.Seconds != 0);
    }

    [Fact]
    public void Voice_gateway_bots_say_their_words_through_json_commands()
    {
        var voice = Conversations.Where(c => c.Session.Channel == "korevg").SelectMany(c => c.Messages).Where(m => !m.Incoming && !m.IsAlertOrAction).ToList();
        Assert.NotEmpty(voice);
        var verbs = new HashSet<string>(StringComparer.Ordinal);
        Assert.All(voice, m =>
        {
            using var command = JsonDocument.Parse(m.Text);
            Assert.Equal("command", command.RootElement.GetProperty("type").GetString());
            Assert.Equal("redirect", command.RootElement.GetProperty("command").GetString());
            foreach (var verb in command.RootElement.GetProperty("data").EnumerateArray()) verbs.Add(verb.GetProperty("verb").GetString()!);
            Assert.False(string.IsNullOrWhiteSpace(m.SpokenText));
            Assert.DoesNotContain("{", m.SpokenText, StringComparison.Ordinal);
        });
        Assert.Superset(new HashSet<string> { "config", "gather", "say", "sip:refer", "hangup" }, verbs);
        Assert.Contains(voice, m => m.Text.Contains("\"text\":[", StringComparison.Ordinal));
        Assert.Contains(voice, m => m.SpokenText == "Please wait");
        Assert.All(Conversations.Where(c => c.Session.Channel != "korevg").SelectMany(c => c.Messages), m => Assert.Equal(m.Text, m.SpokenText));
    }
}
