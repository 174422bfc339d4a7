namespace KoreHistory.Emulator;

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
