namespace KoreHistory.Client;

/// <summary>
/// One session from getSessions, flat and typed. The JSON the API sent is kept, reached through
/// <see cref="GetRawJson"/> (a method, so it is not a column of every CSV row nor nested in every JSON document).
/// </summary>
public sealed class KoreSession
{
    internal KoreSession()
    {
    }

    public string SessionId { get; internal set; } = "";

    public string BotId { get; internal set; } = "";

    public string UserId { get; internal set; } = "";

    public string Channel { get; internal set; } = "";

    /// <summary>When the session started: a <see cref="DateTime"/> of kind <see cref="DateTimeKind.Utc"/>.</summary>
    public DateTime StartTime { get; internal set; }

    /// <summary>When the session ended (UTC), or null while it is open.</summary>
    public DateTime? EndTime { get; internal set; }

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

    // Internal: the engine keeps the record as sent; users reach it through GetRawJson().
    internal KoreRawJson Raw { get; set; } = null!;

    /// <summary>The session exactly as the API sent it (one JSON object, every field, unknown ones included).</summary>
    public string GetRawJson() => Raw.ToString();

    // What Get-KoreMessage needs to read this session's messages in one batched request.
    public KoreSessionSpan ToSpan() => new(SessionId, StartTime, EndTime, Channel);

    public override string ToString() => $"{SessionId} {UserId} {Channel} {KoreUtcTime.Format(StartTime)}";
}
