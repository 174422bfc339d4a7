using System.Globalization;

namespace KoreHistory.Emulator;

/// The ground truth: every bot's sessions and messages, generated deterministically from the seed.
/// Sessions are held as objects (ordered by start time); messages are held only as 16-byte keys in one
/// time-ordered index and are materialised on demand from (seed, session, ordinal).
public sealed class EmulatorData
{
    public const string IvrFirstInstance = "ivr-inst-1";
    public const string IvrSecondInstance = "ivr-inst-2";
    internal const int OtherBotSessions = 20;

    private readonly List<EmulatedSession> sessions;
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, EmulatedSession> sessionsById;
    private readonly List<MessageKey> messages;
    private readonly Func<DateTimeOffset> clock;

    internal object Sync { get; } = new();

    internal EmulatorData(EmulatorOptions options, DateTimeOffset now, Func<DateTimeOffset> clock)
    {
        this.clock = clock;
        Now = now;
        Seed = (ulong)options.Seed;
        OrgId = "o-" + Guid(Prng.Mix(Seed, 900));
        AccountId = Prng.Mix(Seed, 901).ToString("x16", CultureInfo.InvariantCulture) + "abcdef01";
        var bots = new List<string> { options.BotId };
        for (var b = 1; bots.Count < 3; b++)
        {
            var id = "st-" + Guid(Prng.Mix(Seed, 800, (ulong)b));
            if (!bots.Contains(id)) bots.Add(id);
        }
        BotIds = bots;

        var generator = new HistoryGenerator(Seed, now, options.Days, options.MessagesPerSession);
        var sessions = new List<EmulatedSession>();
        for (var b = 0; b < bots.Count; b++)
            sessions.AddRange(generator.Sessions(bots[b], b, b == 0 ? options.Sessions : OtherBotSessions));
        sessions.Sort((x, y) => x.StartMs != y.StartMs ? x.StartMs.CompareTo(y.StartMs) : string.CompareOrdinal(x.SessionId, y.SessionId));
        this.sessions = sessions;
        sessionsById = new System.Collections.Concurrent.ConcurrentDictionary<string, EmulatedSession>(StringComparer.Ordinal);
        long messageCount = 0;
        for (var i = 0; i < sessions.Count; i++)
        {
            sessions[i].Index = i;
            sessionsById[sessions[i].SessionId] = sessions[i];
            messageCount += sessions[i].GeneratedMessageCount;
        }
        var keys = new MessageKey[messageCount];
        long k = 0;
        foreach (var s in sessions)
        {
            for (var o = 0; o < s.GeneratedMessageCount; o++)
                keys[k++] = new MessageKey(GeneratedTimeMs(s, o), s.Index, o);
        }

        Array.Sort(keys);
        messages = new List<MessageKey>(keys);
    }

    /// The "now" the history was generated up to (every generated record is strictly before it).
    public DateTimeOffset Now { get; }

    /// The emulator's current time: the pinned Now, or the real clock.
    public DateTimeOffset Clock => clock();

    /// The main bot first, then the other bots (for admin-scope and wrong-bot tests).
    public IReadOnlyList<string> BotIds { get; }
    public string OrgId { get; }
    public string AccountId { get; }
    internal ulong Seed { get; }

    /// Every bot's sessions, oldest first.
    public IReadOnlyList<EmulatedSession> Sessions => sessions;

    public long MessageCount { get { lock (Sync) return messages.Count; } }

    public EmulatedSession? FindSession(string sessionId) =>
        sessionsById.TryGetValue(sessionId, out var s) ? s : null;

    /// A session's messages, oldest first.
    public IReadOnlyList<EmulatedMessage> MessagesOf(string sessionId)
    {
        var session = FindSession(sessionId) ?? throw new ArgumentException($"No session {sessionId}.", nameof(sessionId));
        lock (Sync)
        {
            var list = new List<EmulatedMessage>(session.MessageCount);
            for (var o = 0; o < session.MessageCount; o++) list.Add(Materialize(KeyOf(session, o)));
            list.Sort((a, b) => a.Key.CompareTo(b.Key));
            return list;
        }
    }

    /// One bot's messages in time order (oldest first), materialised lazily.
    public IEnumerable<EmulatedMessage> Messages(string botId)
    {
        MessageKey[] snapshot;
        lock (Sync) snapshot = messages.Where(m => sessions[m.SessionIndex].BotId == botId).ToArray();
        foreach (var key in snapshot) yield return Materialize(key);
    }

    /// Appends a message to a session at the given time (default: the current clock, but never before the
    /// newest message of the data set), as a client would see it appear during an export. Any time is accepted, even
    /// before the session's start_time: real tenants have such messages (README, "Realistic data").
    public EmulatedMessage AddMessage(string sessionId, string text, bool incoming = true, DateTimeOffset? at = null) =>
        AddMessage(sessionId, text, incoming, at, null);

    /// The live mode's late message: its time is the clock less lateBy, read under the lock that also serialises every
    /// answer, so a message is never written with a time more than lateBy before the moment it becomes visible.
    internal EmulatedMessage AddLateMessage(string sessionId, string text, bool incoming, TimeSpan lateBy) =>
        AddMessage(sessionId, text, incoming, null, lateBy);

    private EmulatedMessage AddMessage(string sessionId, string text, bool incoming, DateTimeOffset? at, TimeSpan? lateBy)
    {
        ArgumentNullException.ThrowIfNull(text);
        var session = FindSession(sessionId) ?? throw new ArgumentException($"No session {sessionId}.", nameof(sessionId));
        lock (Sync)
        {
            long timeMs;
            if (at is { } given)
            {
                timeMs = given.ToUnixTimeMilliseconds();
            }
            else if (lateBy is { } late)
            {
                timeMs = (Clock - late).ToUnixTimeMilliseconds();
            }
            else
            {
                timeMs = Clock.ToUnixTimeMilliseconds();
                if (messages.Count > 0) timeMs = Math.Max(timeMs, messages[^1].TimeMs + 1);
            }
            var added = new AddedMessage(session.MessageCount, timeMs, incoming, text);
            session.Added.Add(added);
            session.MessageCount++;
            if (timeMs > session.EndTime.ToUnixTimeMilliseconds()) session.EndTime = DateTimeOffset.FromUnixTimeMilliseconds(timeMs);
            var key = new MessageKey(timeMs, session.Index, added.Ordinal);
            var at2 = messages.BinarySearch(key);
            messages.Insert(at2 < 0 ? ~at2 : at2, key);
            return Materialize(key);
        }
    }

    /// Starts a session of a bot now (the live mode's conversations): an open rtm session with no message yet, whose
    /// start_time is the clock, but never before the newest session (sessions stay in start order, and their positions,
    /// which message keys hold, never move). Returns it; AddMessage writes its messages.
    public EmulatedSession StartSession(string botId, string userId)
    {
        ArgumentException.ThrowIfNullOrEmpty(botId);
        ArgumentException.ThrowIfNullOrEmpty(userId);
        if (!BotIds.Contains(botId)) throw new ArgumentException($"No bot {botId}.", nameof(botId));
        lock (Sync)
        {
            var startMs = Clock.ToUnixTimeMilliseconds();
            if (sessions.Count > 0) startMs = Math.Max(startMs, sessions[^1].StartMs);
            var index = sessions.Count;
            var session = new EmulatedSession
            {
                Index = index,
                SessionId = ((uint)(startMs / 1000)).ToString("x8", CultureInfo.InvariantCulture)
                    + Prng.Mix(Seed, 150, (ulong)index).ToString("x16", CultureInfo.InvariantCulture),
                BotId = botId,
                UserId = userId,
                Channel = "rtm",
                StartTime = DateTimeOffset.FromUnixTimeMilliseconds(startMs),
                EndTime = DateTimeOffset.FromUnixTimeMilliseconds(startMs),
                StartMs = startMs,
                GeneratedEndMs = startMs,
                Timeline = new SessionTimeline(startMs, startMs, 0),
                Languages = ["en"],
                SessionType = "interactive",
                ContainmentType = "selfService",
                Status = "active",
                ContentSeed = Prng.Mix(Seed, 151, (ulong)index),
            };
            sessions.Add(session);
            sessionsById[session.SessionId] = session;
            return session;
        }
    }

    /// Every session and message of a bot, as the live mode's ground truth: ids and times, sessions by start time and
    /// messages by time (callers compare sets; nothing else is promised about the order).
    public (IReadOnlyList<(string Id, DateTimeOffset Start)> Sessions, IReadOnlyList<(string Id, DateTimeOffset Time, string SessionId)> Messages) GroundTruth(string botId)
    {
        lock (Sync)
        {
            var botSessions = sessions.Where(s => s.BotId == botId).Select(s => (s.SessionId, s.StartTime)).ToList();
            var botMessages = new List<(string, DateTimeOffset, string)>();
            foreach (var key in messages)
            {
                var session = sessions[key.SessionIndex];
                if (session.BotId == botId)
                    botMessages.Add((MessageIds.Message(this, key), DateTimeOffset.FromUnixTimeMilliseconds(key.TimeMs), session.SessionId));
            }
            return (botSessions, botMessages);
        }
    }

    /// Finds a message by its _id (callers hold Sync).
    internal MessageKey? FindMessageKey(string messageId)
    {
        if (!MessageIds.TryParse(messageId, out var sessionIndex, out var ordinal)) return null;
        if (sessionIndex >= sessions.Count) return null;
        var session = sessions[sessionIndex];
        if (ordinal >= session.MessageCount) return null;
        var key = KeyOf(session, ordinal);
        return MessageIds.Message(this, key) == messageId ? key : null;
    }

    /// The time-ordered message index (callers hold Sync).
    internal List<MessageKey> MessageIndex => messages;

    internal EmulatedSession SessionAt(int index) => sessions[index];

    /// First index whose start time is >= timeMs.
    internal int FirstSessionAtOrAfter(long timeMs) => FirstAtOrAfter(sessions, static s => s.StartMs, timeMs);

    /// First index whose time is >= timeMs (callers hold Sync).
    internal int FirstMessageAtOrAfter(long timeMs) => FirstAtOrAfter(messages, static m => m.TimeMs, timeMs);

    // Binary search in a list ordered by time.
    private static int FirstAtOrAfter<T>(List<T> items, Func<T, long> timeOf, long timeMs)
    {
        int lo = 0, hi = items.Count;
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            if (timeOf(items[mid]) < timeMs) lo = mid + 1; else hi = mid;
        }
        return lo;
    }

    internal static MessageKey KeyOf(EmulatedSession session, int ordinal) =>
        ordinal < session.GeneratedMessageCount
            ? new MessageKey(GeneratedTimeMs(session, ordinal), session.Index, ordinal)
            : new MessageKey(session.Added[ordinal - session.GeneratedMessageCount].TimeMs, session.Index, ordinal);

    internal EmulatedMessage Materialize(MessageKey key)
    {
        var session = sessions[key.SessionIndex];
        return HistoryGenerator.Message(this, session, key);
    }

    private static long GeneratedTimeMs(EmulatedSession s, int ordinal) => s.Timeline.TimeOf(ordinal, s.GeneratedMessageCount);

    internal static string Guid(ulong h)
    {
        var lo = Prng.Mix(h, 1);
        var hex = h.ToString("x16", CultureInfo.InvariantCulture) + lo.ToString("x16", CultureInfo.InvariantCulture);
        return $"{hex[..8]}-{hex[8..12]}-5{hex[13..16]}-a{hex[17..20]}-{hex[20..32]}";
    }
}
