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

    /// <summary>The message's _id.</summary>
    public string MessageId { get; internal set; } = "";

    /// <summary>The session the message belongs to.</summary>
    public string SessionId { get; internal set; } = "";

    /// <summary>The bot that holds the conversation.</summary>
    public string BotId { get; internal set; } = "";

    /// <summary>createdBy: the user of the conversation, for incoming and outgoing messages alike.</summary>
    public string UserId { get; internal set; } = "";

    /// <summary>"Incoming" (from the user) or "Outgoing" (from the bot); the API's type otherwise.</summary>
    public string Direction { get; internal set; } = "";

    /// <summary>When the message was sent: a <see cref="DateTime"/> of kind <see cref="DateTimeKind.Utc"/>, to the millisecond.</summary>
    public DateTime Time { get; internal set; }

    /// <summary>The channel the message went through (chnl, else channel, else the first of channels).</summary>
    public string Channel { get; internal set; } = "";

    /// <summary>The API's status of the message, as sent.</summary>
    public string Status { get; internal set; } = "";

    /// <summary>The API's lang, as sent.</summary>
    public string Language { get; internal set; } = "";

    /// <summary>The readable text of every component, joined with a new line.</summary>
    public string Text { get; internal set; } = "";

    /// <summary>The distinct cT values of the components, joined with ", ".</summary>
    public string ContentTypes { get; internal set; } = "";

    /// <summary>tags.messageTags.</summary>
    public KoreTagList MessageTags { get; internal set; } = KoreTagList.Empty;

    /// <summary>tags.userTags.</summary>
    public KoreTagList UserTags { get; internal set; } = KoreTagList.Empty;

    /// <summary>tags.sessionTags.</summary>
    public KoreTagList SessionTags { get; internal set; } = KoreTagList.Empty;

    /// <summary>The incoming message's traceId, when the query asked for it and Kore still keeps it; else null.</summary>
    public string? TraceId { get; internal set; }

    /// <summary>The message's parts (components), in order.</summary>
    public KoreComponentList Components { get; internal set; } = KoreComponentList.Empty;

    // Internal: the engine keeps the record as sent; users reach it through GetRawJson().
    internal KoreRawJson Raw { get; set; } = null!;

    /// <summary>The message exactly as the API sent it (one JSON object, every field, unknown ones included).</summary>
    public string GetRawJson() => Raw.ToString();

    /// <summary>Time, direction and text on one line.</summary>
    public override string ToString() => $"{KoreUtcTime.Format(Time)} {Direction} {Text}";
}
