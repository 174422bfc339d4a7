namespace KoreHistory.Client;

/// <summary>
/// One message from getMessages, flat and typed: every property is a readable value (so Export-Csv and ConvertTo-Json
/// write values), Components keeps the parts. The JSON the API sent is kept too, but as a method
/// (<see cref="GetRawJson"/>) rather than a property, so it is not a column of every CSV row nor nested in every
/// JSON document.
/// </summary>
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

    /// <summary>When the message was sent: a <see cref="DateTime"/> of kind <see cref="DateTimeKind.Utc"/>, to the millisecond.</summary>
    public DateTime Time { get; internal set; }

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

    // Internal: the engine keeps the record as sent; users reach it through GetRawJson().
    internal KoreRawJson Raw { get; set; } = null!;

    /// <summary>The message exactly as the API sent it (one JSON object, every field, unknown ones included).</summary>
    public string GetRawJson() => Raw.ToString();

    public override string ToString() => $"{KoreUtcTime.Format(Time)} {Direction} {Text}";
}
