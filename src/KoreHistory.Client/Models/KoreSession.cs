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

    /// <summary>The session's id (sessionId).</summary>
    public string SessionId { get; internal set; } = "";

    /// <summary>The bot that held the session.</summary>
    public string BotId { get; internal set; } = "";

    /// <summary>The user of the session (userId).</summary>
    public string UserId { get; internal set; } = "";

    /// <summary>The channel the session ran on.</summary>
    public string Channel { get; internal set; } = "";

    /// <summary>When the session started: a <see cref="DateTime"/> of kind <see cref="DateTimeKind.Utc"/>.</summary>
    public DateTime StartTime { get; internal set; }

    /// <summary>When the session ended (UTC), or null while it is open.</summary>
    public DateTime? EndTime { get; internal set; }

    /// <summary>session_lang joined with ", ".</summary>
    public string Languages { get; internal set; } = "";

    /// <summary>The API's sessionType, as sent.</summary>
    public string SessionType { get; internal set; } = "";

    /// <summary>The API's containmentType, as sent.</summary>
    public string ContainmentType { get; internal set; } = "";

    /// <summary>The API's sessionStatus, as sent.</summary>
    public string Status { get; internal set; } = "";

    /// <summary>The API's isDeveloper: a session of the bot's developer.</summary>
    public bool IsDeveloper { get; internal set; }

    /// <summary>noOfMessagesExchanged.</summary>
    public int MessageCount { get; internal set; }

    /// <summary>noOfTasksExecuted.</summary>
    public int TaskCount { get; internal set; }

    /// <summary>The session's userTags.</summary>
    public KoreTagList UserTags { get; internal set; } = KoreTagList.Empty;

    /// <summary>The session's sessionTags.</summary>
    public KoreTagList SessionTags { get; internal set; } = KoreTagList.Empty;

    // Internal: the engine keeps the record as sent; users reach it through GetRawJson().
    internal KoreRawJson Raw { get; set; } = null!;

    /// <summary>The session exactly as the API sent it (one JSON object, every field, unknown ones included).</summary>
    public string GetRawJson() => Raw.ToString();

    /// <summary>What Get-KoreMessage needs to read this session's messages in one batched request.</summary>
    public KoreSessionSpan ToSpan() => new(SessionId, StartTime, EndTime, Channel);

    /// <summary>Id, user, channel and start time on one line.</summary>
    public override string ToString() => $"{SessionId} {UserId} {Channel} {KoreUtcTime.Format(StartTime)}";
}
