namespace KoreHistory.Client;

// One message from getMessages, flat and typed; Components and Raw keep the nested detail.
public sealed class KoreMessage
{
    internal KoreMessage()
    {
    }

    public string MessageId { get; internal set; } = "";

    public string SessionId { get; internal set; } = "";

    public string BotId { get; internal set; } = "";

    // createdBy: the user of the conversation, for incoming and outgoing messages alike.
    public string UserId { get; internal set; } = "";

    // "Incoming" (from the user) or "Outgoing" (from the bot); the API's type otherwise.
    public string Direction { get; internal set; } = "";

    public KoreUtcTime Time { get; internal set; }

    public string Channel { get; internal set; } = "";

    public string Status { get; internal set; } = "";

    public string Language { get; internal set; } = "";

    // The readable text of every component, joined with a new line.
    public string Text { get; internal set; } = "";

    // The distinct cT values of the components, joined with ", ".
    public string ContentTypes { get; internal set; } = "";

    public KoreTagList MessageTags { get; internal set; } = KoreTagList.Empty;

    public KoreTagList UserTags { get; internal set; } = KoreTagList.Empty;

    public KoreTagList SessionTags { get; internal set; } = KoreTagList.Empty;

    public string? TraceId { get; internal set; }

    public KoreComponentList Components { get; internal set; } = KoreComponentList.Empty;

    public KoreRawJson Raw { get; internal set; } = null!;

    public override string ToString() => $"{Time} {Direction} {Text}";
}
