using KoreHistory.Client;

namespace KoreHistory.Reading;

internal enum ReadEventKind
{
    /// Items read, in order (a run of items that were ready together).
    Items,

    /// The API's total, asked for by -IncludeTotalCount; it comes before any item.
    TotalCount,

    /// An HTTP attempt ended.
    Request,

    /// A wait began: the bot's rate-limit budget, a Retry-After or a backoff before a retry.
    Wait,

    /// The API does not know a session id.
    InvalidSessionId,

    /// The API does not know a message id.
    InvalidMessageId,

    /// Something the user should know about the read (the platform ignores a filter, tags left out, …).
    Warning,

    /// The read ended; Error tells why when it failed.
    Completed,
}

/// One thing a read running off the pipeline thread hands to the pipeline thread, which writes it.
internal sealed class ReadEvent<T>
{
    private ReadEvent(ReadEventKind kind)
    {
        Kind = kind;
    }

    public ReadEventKind Kind { get; }

    public IReadOnlyList<T> Items { get; private set; } = [];

    public long TotalCount { get; private set; }

    public KoreRequestLog? Request { get; private set; }

    public KoreWait? Wait { get; private set; }

    /// The unknown session or message id.
    public string? Id { get; private set; }

    public string? Warning { get; private set; }

    public Exception? Error { get; private set; }

    public static ReadEvent<T> OfItems(IReadOnlyList<T> items) => new(ReadEventKind.Items) { Items = items };

    public static ReadEvent<T> OfTotalCount(long total) => new(ReadEventKind.TotalCount) { TotalCount = total };

    public static ReadEvent<T> OfRequest(KoreRequestLog request) => new(ReadEventKind.Request) { Request = request };

    public static ReadEvent<T> OfWait(KoreWait wait) => new(ReadEventKind.Wait) { Wait = wait };

    public static ReadEvent<T> OfInvalidSessionId(string sessionId) => new(ReadEventKind.InvalidSessionId) { Id = sessionId };

    public static ReadEvent<T> OfInvalidMessageId(string messageId) => new(ReadEventKind.InvalidMessageId) { Id = messageId };

    public static ReadEvent<T> OfWarning(string warning) => new(ReadEventKind.Warning) { Warning = warning };

    public static ReadEvent<T> OfCompletion(Exception? error) => new(ReadEventKind.Completed) { Error = error };
}
