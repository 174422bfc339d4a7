namespace KoreHistory.Client;

/// <summary>Per-read callbacks. They may be invoked on any thread: marshal to the pipeline thread before writing.</summary>
public sealed class KoreReadOptions
{
    /// <summary>One call per HTTP attempt, after it ends (never carries a header, secret or token).</summary>
    public Action<KoreRequestLog>? OnRequest { get; set; }

    /// <summary>Session ids the API does not know (invalidSessions, or not found where the session must be), once per id.</summary>
    public Action<string>? OnInvalidSessionId { get; set; }

    /// <summary>A message id the API does not know (read around it, it returns nothing even without other filters).</summary>
    public Action<string>? OnInvalidMessageId { get; set; }

    /// <summary>Something the read had to do differently than asked, said once: the platform ignores getSessions'
    /// sessionId filter (before v10.1.3), or left out the sessionTags of sessions older than 14 days.</summary>
    public Action<string>? OnWarning { get; set; }

    /// <summary>Before a noticeable wait: for the bot's rate-limit budget (pacing, 1 s or more) or before a retry.</summary>
    public Action<KoreWait>? OnWait { get; set; }

    /// <summary>At most so many page requests for this read (shared with every read given the same budget); the request
    /// past it is not sent and the read ends with <see cref="KoreRequestBudgetSpentException"/>. Null: no limit.</summary>
    public KoreRequestBudget? RequestBudget { get; set; }

    /// <summary>What the consumer wants of the read (results to pass over, the most to hand over) and the reads it is
    /// consumed with, one after another: see <see cref="KoreReadSequence"/>. Null: every result, the read alone.</summary>
    public KoreReadSequence? Sequence { get; set; }
}
