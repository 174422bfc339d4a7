namespace KoreHistory.Client;

// One paged request stream: a path, a bot to pace against, the page size asked for, and the JSON body for a
// given skip. A segment with a date window can be narrowed to part of it (the same request otherwise), which is
// how a read recovers when the records inside a window change while it is being paged; any segment can ask for
// fewer records than its page size (WithLimit), which is how a read asks for no more than is still wanted.
internal sealed class Segment
{
    private readonly Func<DateWindow?, int, int, byte[]> body;

    // body(window, skip, limit).
    public Segment(string pathAndQuery, string paceKey, int pageSize, DateWindow? window, bool ascending, Func<DateWindow?, int, int, byte[]> body)
        : this(pathAndQuery, paceKey, pageSize, pageSize, window, ascending, body, null)
    {
    }

    // A body that always asks for the page size (the reader drops what it did not want).
    public Segment(string pathAndQuery, string paceKey, int pageSize, DateWindow? window, bool ascending, Func<DateWindow?, int, byte[]> body)
        : this(pathAndQuery, paceKey, pageSize, window, ascending, (w, skip, _) => body(w, skip))
    {
    }

    private Segment(string pathAndQuery, string paceKey, int pageSize, int limit, DateWindow? window, bool ascending, Func<DateWindow?, int, int, byte[]> body, Segment? unlimited)
    {
        PathAndQuery = pathAndQuery;
        PaceKey = paceKey;
        PageSize = pageSize;
        Limit = limit;
        Window = window;
        Ascending = ascending;
        this.body = body;
        Unlimited = unlimited ?? this;
    }

    public string PathAndQuery { get; }

    public string PaceKey { get; }

    // The `limit` a full page of this segment asks for.
    public int PageSize { get; }

    // The `limit` this request stream sends: the page size, or less (WithLimit).
    public int Limit { get; }

    // The dateFrom/dateTo sent; null when the request has none (by id, around a message).
    public DateWindow? Window { get; }

    // Records come oldest first (forward) rather than newest first.
    public bool Ascending { get; }

    // The segment this one was limited from (itself when it asks for its page size).
    public Segment Unlimited { get; }

    public byte[] BodyForSkip(int skip) => body(Window, skip, Limit);

    public Segment Narrowed(DateWindow window) => new(PathAndQuery, PaceKey, PageSize, PageSize, window, Ascending, body, null);

    // The same request asking for `limit` records (at most the page size).
    public Segment WithLimit(int limit)
    {
        var asked = Math.Max(1, Math.Min(PageSize, limit));
        return asked == Limit ? this : new(PathAndQuery, PaceKey, PageSize, asked, Window, Ascending, body, Unlimited);
    }
}
