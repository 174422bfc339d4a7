using System.Globalization;
using System.Text.Json;

namespace KoreHistory.Emulator;

/// Generates sessions and message contents. Everything is a pure function of the seed and indexes.
internal sealed class HistoryGenerator
{
    private static readonly string[] Channels =
        ["rtm", "rtm", "rtm", "rtm", "rtm", "rtm", "msteams", "msteams", "ivrVoice", "korevg", "ivr", "ivr", "slack", "facebook", "email", "sms"];
    private static readonly string[][] LanguageSets = [["en"], ["en"], ["en"], ["en"], ["en"], ["en"], ["en"], ["de"], ["es"], ["en", "de"]];
    private static readonly string[] Tiers = ["gold", "silver", "bronze"];
    private static readonly string[] Regions = ["EU", "US", "APAC"];
    private static readonly string[] Intents = ["CheckBalance", "TransferFunds", "ResetPassword", "TalkToAgent", "OpeningHours"];
    private static readonly string[] UserTexts =
    [
        "I want to check my balance", "Transfer 50 EUR to savings", "I forgot my password", "Can I talk to a person?",
        "What are your opening hours?", "yes", "no", "thanks", "Mein Konto ist gesperrt", "¿Dónde está mi pedido?",
        "It says \"error 42\" — again 😕", "line one\nline two",
    ];
    private static readonly string[] BotTexts =
    [
        "Hello! How can I help you today?", "Your balance is 1,234.56 EUR.", "Done. Anything else?",
        "I have sent a reset link to your e-mail address.", "Let me connect you to an agent.", "We are open 9:00–17:00, Monday to Friday.",
        "Sorry, I did not get that. Could you rephrase?",
    ];

    private static readonly EmulatedTag Spring = new("campaign", "spring");
    private static readonly EmulatedTag Summer = new("campaign", "summer");
    private static readonly EmulatedTag ResolvedYes = new("resolved", "yes");
    private static readonly EmulatedTag ResolvedNo = new("resolved", "no");

    private readonly ulong seed;
    private readonly long nowMs;
    private readonly long spanMs;
    private readonly double messagesPerSession;

    public HistoryGenerator(ulong seed, DateTimeOffset now, int days, double messagesPerSession)
    {
        this.seed = seed;
        nowMs = now.ToUnixTimeMilliseconds();
        spanMs = days * 86_400_000L;
        this.messagesPerSession = messagesPerSession;
    }

    public IEnumerable<EmulatedSession> Sessions(string botId, int botIndex, int count)
    {
        var userCount = Math.Max(3, count / 8);
        // One id string and one tag list per user, shared by that user's sessions.
        var userIds = Enumerable.Range(0, userCount).Select(u => UserId(botIndex, u)).ToArray();
        var userTags = Enumerable.Range(0, userCount).Select(u => UserTags(botIndex, u)).ToArray();
        for (var i = 0; i < count; i++)
        {
            var rng = new Prng(Prng.Mix(seed, 100, (ulong)botIndex, (ulong)i));
            var startMs = nowMs - spanMs + (long)(rng.NextDouble() * spanMs);
            if (startMs >= nowMs) startMs = nowMs - 1;
            var durationMs = 5_000 + (long)(rng.NextDouble() * 30 * 60_000);
            if (i == count - 1)
            {
                // Every bot has one conversation still going on at Now (sessionStatus "active").
                startMs = nowMs - 60_000 - (long)(rng.NextDouble() * 540_000);
                durationMs = nowMs - startMs + 60_000;
            }
            var endMs = Math.Min(startMs + durationMs, nowMs - 1);
            var interactive = rng.Chance(0.85);
            var messageCount = (int)Math.Max(interactive ? 2 : 1, Math.Round(messagesPerSession * (0.5 + rng.NextDouble())));
            var user = rng.Next(userCount);
            var channel = rng.Pick(Channels);
            var containment = rng.NextDouble() switch { < 0.6 => "selfService", < 0.85 => "dropOff", _ => "agent" };
            var campaign = rng.Chance(0.4) ? (rng.Chance(0.5) ? Spring : Summer) : null;
            var resolved = rng.Chance(0.3) ? (rng.Chance(0.5) ? ResolvedYes : ResolvedNo) : null;
            IReadOnlyList<EmulatedTag> sessionTags = (campaign, resolved) switch
            {
                (null, null) => Array.Empty<EmulatedTag>(),
                (not null, null) => [campaign],
                (null, not null) => [resolved],
                _ => [campaign!, resolved!],
            };
            var closed = startMs + durationMs < nowMs;
            var shape = new Prng(Prng.Mix(seed, 103, (ulong)botIndex, (ulong)i));
            var (timeline, sessionEndMs) = Timeline(ref shape, startMs, endMs, messageCount, interactive && closed);
            if (timeline.HasIdleTimeout)
            {
                messageCount++;
            }

            // The id starts with the seconds of its creation, as a MongoDB ObjectId does; for some dropped-off
            // sessions that is 9–10 minutes after start_time (README, "Realistic data").
            var idMs = containment == "dropOff" && shape.Chance(LateIdShareOfDropOffs) ? startMs + 530_000 + shape.Next(50_000) : startMs;
            var idSeconds = (uint)(idMs / 1000);
            yield return new EmulatedSession
            {
                SessionId = idSeconds.ToString("x8", CultureInfo.InvariantCulture)
                    + Prng.Mix(seed, 101, (ulong)botIndex, (ulong)i).ToString("x16", CultureInfo.InvariantCulture),
                BotId = botId,
                UserId = userIds[user],
                Channel = channel,
                IvrInstanceId = channel == "ivr" ? (rng.Chance(0.6) ? EmulatorData.IvrFirstInstance : EmulatorData.IvrSecondInstance) : null,
                StartTime = DateTimeOffset.FromUnixTimeMilliseconds(startMs),
                EndTime = DateTimeOffset.FromUnixTimeMilliseconds(sessionEndMs),
                StartMs = startMs,
                GeneratedEndMs = sessionEndMs,
                Timeline = timeline,
                Languages = rng.Pick(LanguageSets),
                SessionType = interactive ? "interactive" : "non-interactive",
                ContainmentType = containment,
                Status = closed ? "closed" : "active",
                IsDeveloper = rng.Chance(0.05),
                MessageCount = messageCount,
                GeneratedMessageCount = messageCount,
                TaskCount = interactive ? rng.Next(4) : rng.Next(2),
                UserTags = userTags[user],
                SessionTags = sessionTags,
                ContentSeed = Prng.Mix(seed, 102, (ulong)botIndex, (ulong)i),
            };
        }
    }

    // Shares and offsets measured in the sanitised production captures of ken-at-kore/xob-cat (data/), see the README:
    // 12 of 106 sessions end where they start, their first message 46–300 ms before start_time; idle-timeout bot
    // messages 907–1,310 s after end_time (from 5 % to 95 % of sessions, by bot); a few sessions with their last
    // messages 0.3–9 s after end_time; and in Kore's own docs (conversation-history.md, GET sample) a first message
    // 75 ms before the time its session id encodes.
    internal const double ZeroLengthShare = 0.09;
    internal const double EarlyFirstShare = 0.05;
    internal const double TrailingShare = 0.03;
    internal const double IdleTimeoutShare = 0.08;
    internal const double LateIdShareOfDropOffs = 0.5;
    internal const long IdleTimeoutAfterEndMinMs = 15 * 60_000;
    internal const long IdleTimeoutAfterEndMaxMs = 20 * 60_000;

    /// Where a session's messages lie, and its end_time. Only closed interactive sessions stray outside their span;
    /// everything stays before Now.
    private (SessionTimeline Timeline, long EndMs) Timeline(ref Prng rng, long startMs, long endMs, int regularCount, bool strays)
    {
        var exactLast = startMs + ((endMs - startMs) * (regularCount - 1) / Math.Max(1, regularCount));
        if (!strays)
        {
            return (new SessionTimeline(startMs, exactLast, 0), endMs);
        }

        var roll = rng.NextDouble();
        SessionTimeline timeline;
        var sessionEndMs = endMs;
        if (roll < ZeroLengthShare)
        {
            // end_time = start_time, the first message just before it and the whole conversation after it.
            sessionEndMs = startMs;
            timeline = new SessionTimeline(startMs - 40 - rng.Next(261), Math.Min(exactLast, nowMs - 1), 0);
        }
        else if (roll < ZeroLengthShare + EarlyFirstShare)
        {
            timeline = new SessionTimeline(startMs - 1 - rng.Next(100), exactLast, 0);
        }
        else if (roll < ZeroLengthShare + EarlyFirstShare + TrailingShare)
        {
            timeline = new SessionTimeline(startMs, Math.Min(endMs + 300 + rng.Next(9_700), nowMs - 1), 0);
        }
        else
        {
            timeline = new SessionTimeline(startMs, exactLast, 0);
        }

        if (rng.Chance(IdleTimeoutShare))
        {
            var idleMs = sessionEndMs + IdleTimeoutAfterEndMinMs + (long)(rng.NextDouble() * (IdleTimeoutAfterEndMaxMs - IdleTimeoutAfterEndMinMs));
            if (idleMs < nowMs && idleMs > timeline.LastRegularMs)
            {
                timeline = timeline with { IdleTimeoutMs = idleMs };
            }
        }

        return (timeline, sessionEndMs);
    }

    private string UserId(int botIndex, int user) => "u-" + EmulatorData.Guid(Prng.Mix(seed, 200, (ulong)botIndex, (ulong)user));

    private List<EmulatedTag> UserTags(int botIndex, int user)
    {
        var rng = new Prng(Prng.Mix(seed, 201, (ulong)botIndex, (ulong)user));
        var tags = new List<EmulatedTag> { new("tier", rng.Pick(Tiers)) };
        if (rng.Chance(0.5)) tags.Add(new EmulatedTag("region", rng.Pick(Regions)));
        return tags;
    }

    private static readonly EmulatedTag[] IntentTags = Intents.Select(i => new EmulatedTag("intent", i)).ToArray();
    private static readonly EmulatedTag TemplateTag = new("template", "button");

    /// What a message is, without its ids and text: cheap enough to evaluate for every message of a
    /// window when filtering (getMessagesV2, message tags).
    internal static MessageShape Shape(EmulatedSession session, int ordinal)
    {
        if (ordinal >= session.GeneratedMessageCount)
        {
            var added = session.Added[ordinal - session.GeneratedMessageCount];
            return new MessageShape(added.Incoming, ContentKind.AddedText, 1, null, 0);
        }
        var rng = new Prng(Prng.Mix(session.ContentSeed, (ulong)ordinal));
        var textSeed = rng.NextULong();
        if (session.Timeline.HasIdleTimeout && ordinal == session.GeneratedMessageCount - 1)
        {
            return new MessageShape(false, ContentKind.IdleTimeout, 1, null, textSeed);
        }

        var incoming = session.SessionType == "interactive" && ordinal % 2 == 1;
        var roll = rng.NextDouble();
        if (incoming)
        {
            var kind = roll switch { < 0.08 => ContentKind.Attachment, < 0.12 => ContentKind.Image, _ => ContentKind.UserText };
            var tag = rng.Chance(0.3) ? rng.Pick(IntentTags) : null;
            return new MessageShape(true, kind, 1, tag, textSeed);
        }
        if (ordinal == 0 && session.SessionType == "interactive") return new MessageShape(false, ContentKind.Greeting, 1, null, textSeed);
        return roll switch
        {
            < 0.06 => new MessageShape(false, ContentKind.Alert, 0, null, textSeed),
            < 0.12 => new MessageShape(false, ContentKind.Action, 2, null, textSeed),
            < 0.35 => new MessageShape(false, ContentKind.Template, 1, TemplateTag, textSeed),
            _ => new MessageShape(false, ContentKind.BotText, 1, null, textSeed),
        };
    }

    public static EmulatedMessage Message(EmulatorData data, EmulatedSession session, MessageKey key)
    {
        var shape = Shape(session, key.Ordinal);
        var rng = new Prng(shape.TextSeed);
        var component = session.Channel == "korevg" ? VoiceComponent(shape, ref rng) : null;
        var (contentType, text) = component is { } voice ? (voice.ContentType, voice.Text) : shape.Kind switch
        {
            ContentKind.AddedText => ("text", session.Added[key.Ordinal - session.GeneratedMessageCount].Text),
            ContentKind.Attachment => ("attachment", $"https://files.example.invalid/upload-{key.Ordinal}.pdf"),
            ContentKind.Image => ("image", $"https://files.example.invalid/photo-{key.Ordinal}.png"),
            ContentKind.UserText => ("text", rng.Pick(UserTexts)),
            ContentKind.Greeting => ("text", BotTexts[0]),
            ContentKind.Alert => ("alert", "Reminder: your card expires at the end of the month."),
            ContentKind.Action => ("action", "Task TransferFunds completed"),
            ContentKind.Template => ("text", Template(rng)),
            ContentKind.IdleTimeout => ("text", IdleTimeoutText),
            _ => ("text", rng.Pick(BotTexts)),
        };
        return new EmulatedMessage
        {
            Key = key,
            MessageId = MessageIds.Message(data, key),
            BotId = session.BotId,
            SessionId = session.SessionId,
            UserId = session.UserId,
            Incoming = shape.Incoming,
            CreatedOn = DateTimeOffset.FromUnixTimeMilliseconds(key.TimeMs),
            Channel = session.Channel,
            IvrInstanceId = session.IvrInstanceId,
            Language = session.Languages[0],
            Status = shape.Incoming ? "received" : "delivered",
            Source = shape.Source,
            Components = new[] { new EmulatedComponent(MessageIds.Component(data, key, 0), contentType, text, component?.Spoken) },
            MessageTags = shape.Tag is null ? Array.Empty<EmulatedTag>() : new[] { shape.Tag },
            UserTags = session.UserTags,
            SessionTags = session.SessionTags,
        };
    }

    // The idle-timeout message of the captures (the bot's name sanitised there as "Charles undefined").
    internal const string IdleTimeoutText = "I have not received any input from you. We can start over when you need.";

    /// A voice-gateway bot's words as the JSON command Kore stores in data.text; null for user, alert and action messages.
    private static (string ContentType, string Text, string Spoken)? VoiceComponent(MessageShape shape, ref Prng rng)
    {
        (string Json, string Spoken)? command = shape.Kind switch
        {
            ContentKind.Greeting => VoiceGatewayCommands.Greeting(BotTexts[0]),
            ContentKind.Template => VoiceGatewayCommands.Menu("What would you like to do? Say balance, transfer or agent."),
            ContentKind.IdleTimeout => VoiceGatewayCommands.Goodbye(IdleTimeoutText),
            ContentKind.BotText => VoiceGatewayCommands.BotTurn(rng.Pick(BotTexts), rng.NextDouble()),
            _ => null,
        };
        return command is { } c ? ("text", c.Json, c.Spoken) : null;
    }

    /// A bot template as Kore stores it: JSON inside data.text.
    private static string Template(Prng rng)
    {
        var options = new[] { "Check balance", "Transfer funds", "Talk to an agent" };
        var payload = new
        {
            type = "template",
            payload = new
            {
                template_type = "button",
                text = "What would you like to do?",
                buttons = options.Take(2 + rng.Next(2)).Select(o => new { type = "postback", title = o, payload = o }).ToArray(),
            },
        };
        return JsonSerializer.Serialize(payload);
    }
}
