namespace KoreHistory.Emulator;

/// A {name, value} tag as the API returns it in userTags, sessionTags and messageTags.
public sealed record EmulatedTag(string Name, string Value);

/// One entry of a message's components[]: cT and data.text. Spoken: for a voice-gateway command in Text, what the
/// bot said (null otherwise).
public sealed record EmulatedComponent(string Id, string ContentType, string Text, string? Spoken = null);

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

/// A message as the Conversation History API returns it.
public sealed class EmulatedMessage
{
    internal EmulatedMessage() { }

    public string MessageId { get; internal init; } = "";
    public string BotId { get; internal init; } = "";
    public string SessionId { get; internal init; } = "";
    public string UserId { get; internal init; } = "";

    /// True for a user message ("incoming"), false for a bot message ("outgoing").
    public bool Incoming { get; internal init; }
    public string Type => Incoming ? "incoming" : "outgoing";
    public DateTimeOffset CreatedOn { get; internal init; }
    public string Channel { get; internal init; } = "";
    public string? IvrInstanceId { get; internal init; }
    public string Language { get; internal init; } = "";
    public string Status { get; internal init; } = "";

    /// The API's "ms" (message source): 0 task alert, 1 text, 2 task/action, 3 others.
    public int Source { get; internal init; }
    public IReadOnlyList<EmulatedComponent> Components { get; internal init; } = Array.Empty<EmulatedComponent>();
    public IReadOnlyList<EmulatedTag> MessageTags { get; internal init; } = Array.Empty<EmulatedTag>();
    public IReadOnlyList<EmulatedTag> UserTags { get; internal init; } = Array.Empty<EmulatedTag>();
    public IReadOnlyList<EmulatedTag> SessionTags { get; internal init; } = Array.Empty<EmulatedTag>();

    /// The trace id served with includeTraceId (incoming messages only).
    public string TraceId => "tr-" + MessageId[3..];

    /// The first component's data.text (for a template or a voice-gateway command, the JSON string itself).
    public string Text => Components.Count > 0 ? Components[0].Text : "";

    /// What the bot said in a voice-gateway (korevg) command: the say texts and gather prompts, one a line;
    /// the text itself for any other message.
    public string SpokenText => Components.Count > 0 ? Components[0].Spoken ?? Components[0].Text : "";

    /// getMessagesV2 leaves these out (Alert and Action task messages).
    public bool IsAlertOrAction => Components.Any(c => c.ContentType is "alert" or "action");

    /// Sort key inside the whole data set: time, then session, then position in the session.
    internal MessageKey Key { get; init; }

    public override string ToString() => $"message {MessageId} ({Type}, {CreatedOn:O})";
}

internal sealed record AddedMessage(int Ordinal, long TimeMs, bool Incoming, string Text);

/// Compact index entry for one message: 16 bytes, so a million messages cost 16 MB.
internal readonly record struct MessageKey(long TimeMs, int SessionIndex, int Ordinal) : IComparable<MessageKey>
{
    public int CompareTo(MessageKey other)
    {
        var byTime = TimeMs.CompareTo(other.TimeMs);
        if (byTime != 0) return byTime;
        var bySession = SessionIndex.CompareTo(other.SessionIndex);
        return bySession != 0 ? bySession : Ordinal.CompareTo(other.Ordinal);
    }
}
