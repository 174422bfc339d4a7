namespace KoreHistory.Emulator.Tests;

/// Expected answers computed straight from EmulatorData (the ground truth) with plain LINQ,
/// following kore-api.md rather than the emulator's query code.
internal static class Truth
{
    public static readonly TimeSpan Week = TimeSpan.FromDays(7);

    /// Sessions of a bot (null: every bot) starting in [from, to), newest first.
    public static List<EmulatedSession> Sessions(EmulatorData data, string? botId, DateTimeOffset from, DateTimeOffset to, Func<EmulatedSession, bool>? where = null) =>
        data.Sessions
            .Where(s => (botId is null || s.BotId == botId) && s.StartTime >= from && s.StartTime < to && (where?.Invoke(s) ?? true))
            .OrderByDescending(s => s.StartTime).ThenByDescending(s => s.SessionId, StringComparer.Ordinal)
            .ToList();

    /// Messages of a bot created in [from, to), oldest first (the data's own time order).
    public static List<EmulatedMessage> Messages(EmulatorData data, string botId, DateTimeOffset from, DateTimeOffset to, Func<EmulatedMessage, bool>? where = null) =>
        data.Messages(botId).Where(m => m.CreatedOn >= from && m.CreatedOn < to && (where?.Invoke(m) ?? true)).ToList();

    public static List<string> NewestFirst(IEnumerable<EmulatedMessage> oldestFirst) => oldestFirst.Reverse().Select(m => m.MessageId).ToList();

    public static bool HasTag(IReadOnlyList<EmulatedTag> tags, string name, params string[] values) =>
        tags.Any(t => t.Name == name && values.Contains(t.Value));
}
