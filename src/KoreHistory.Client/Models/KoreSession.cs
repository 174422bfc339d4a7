namespace KoreHistory.Client;

// One session from getSessions, flat and typed; Raw keeps every field the API sent.
public sealed class KoreSession
{
    internal KoreSession()
    {
    }

    public string SessionId { get; internal set; } = "";

    public string BotId { get; internal set; } = "";

    public string UserId { get; internal set; } = "";

    public string Channel { get; internal set; } = "";

    public KoreUtcTime StartTime { get; internal set; }

    public KoreUtcTime? EndTime { get; internal set; }

    // session_lang joined with ", ".
    public string Languages { get; internal set; } = "";

    public string SessionType { get; internal set; } = "";

    public string ContainmentType { get; internal set; } = "";

    public string Status { get; internal set; } = "";

    public bool IsDeveloper { get; internal set; }

    public int MessageCount { get; internal set; }

    public int TaskCount { get; internal set; }

    public KoreTagList UserTags { get; internal set; } = KoreTagList.Empty;

    public KoreTagList SessionTags { get; internal set; } = KoreTagList.Empty;

    public KoreRawJson Raw { get; internal set; } = null!;

    // What Get-KoreMessage needs to read this session's messages in one batched request.
    public KoreSessionSpan ToSpan() => new(SessionId, StartTime, EndTime, Channel);

    public override string ToString() => $"{SessionId} {UserId} {Channel} {StartTime}";
}
