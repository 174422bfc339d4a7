namespace KoreHistory.Emulator;

/// A session as the Sessions History API returns it. MessageCount and EndTime grow when tests add messages.
public sealed class EmulatedSession
{
    internal EmulatedSession() { }

    /// Position in EmulatorData.Sessions (all bots, ordered by start time).
    public int Index { get; internal set; }
    public string SessionId { get; internal set; } = "";
    public string BotId { get; internal init; } = "";
    public string UserId { get; internal init; } = "";
    public string Channel { get; internal init; } = "";

    /// Webhook instance of an "ivr" session (the first instance is IvrFirstInstance); null for other channels.
    public string? IvrInstanceId { get; internal init; }
    public DateTimeOffset StartTime { get; internal init; }
    public DateTimeOffset EndTime { get; internal set; }
    public IReadOnlyList<string> Languages { get; internal init; } = Array.Empty<string>();

    /// "interactive" or "non-interactive".
    public string SessionType { get; internal init; } = "";

    /// "selfService", "dropOff" or "agent".
    public string ContainmentType { get; internal init; } = "";

    /// "active" or "closed".
    public string Status { get; internal init; } = "";
    public bool IsDeveloper { get; internal init; }
    public int MessageCount { get; internal set; }
    public int TaskCount { get; internal init; }
    public IReadOnlyList<EmulatedTag> UserTags { get; internal init; } = Array.Empty<EmulatedTag>();
    public IReadOnlyList<EmulatedTag> SessionTags { get; internal init; } = Array.Empty<EmulatedTag>();

    internal long StartMs { get; init; }
    internal long GeneratedEndMs { get; init; }
    internal int GeneratedMessageCount { get; init; }
    internal ulong ContentSeed { get; init; }

    /// Where the generated messages lie relative to start_time and end_time (see SessionTimeline).
    internal SessionTimeline Timeline { get; init; }
    private List<AddedMessage>? added;

    /// Messages added by tests (most sessions have none, so the list is made on first use).
    internal List<AddedMessage> Added => added ??= new List<AddedMessage>();

    public override string ToString() => $"session {SessionId} ({BotId}, {StartTime:O})";
}
