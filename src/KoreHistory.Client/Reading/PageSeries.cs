namespace KoreHistory.Client;

// One series of page requests: the same request (a path, a bot to pace against, the page size asked for, a date
// window or none, and the JSON body for a given skip) at growing skips, which together read one date window (or one
// batch of ids) whole. A plan is a list of them. A series with a date window can be narrowed to part of it (the same
// request otherwise), which is how a read recovers when the records inside a window change while it is being paged;
// any series can ask for fewer records than its page size (WithLimit), which is how a read asks for no more than is
// still wanted.
internal sealed class PageSeries
{
    private readonly Func<DateWindow?, int, int, byte[]> body;

    // body(window, skip, limit).
    public PageSeries(string pathAndQuery, string paceKey, int pageSize, DateWindow? window, bool ascending, Func<DateWindow?, int, int, byte[]> body)
        : this(pathAndQuery, paceKey, pageSize, pageSize, window, ascending, body, null)
    {
    }

    // A body that always asks for the page size (the reader drops what it did not want).
    public PageSeries(string pathAndQuery, string paceKey, int pageSize, DateWindow? window, bool ascending, Func<DateWindow?, int, byte[]> body)
        : this(pathAndQuery, paceKey, pageSize, window, ascending, (w, skip, _) => body(w, skip))
    {
    }

    private PageSeries(string pathAndQuery, string paceKey, int pageSize, int limit, DateWindow? window, bool ascending, Func<DateWindow?, int, int, byte[]> body, PageSeries? unlimited)
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

    // The `limit` a full page of this series asks for.
    public int PageSize { get; }

    // The `limit` this request stream sends: the page size, or less (WithLimit).
    public int Limit { get; }

    // The dateFrom/dateTo sent; null when the request has none (by id, around a message).
    public DateWindow? Window { get; }

    // Records come oldest first (forward) rather than newest first.
    public bool Ascending { get; }

    // The series this one was limited from (itself when it asks for its page size).
    public PageSeries Unlimited { get; }

    public byte[] BodyForSkip(int skip) => body(Window, skip, Limit);

    public PageSeries Narrowed(DateWindow window) => new(PathAndQuery, PaceKey, PageSize, PageSize, window, Ascending, body, null);

    // The same request asking for `limit` records (at most the page size).
    public PageSeries WithLimit(int limit)
    {
        var asked = Math.Max(1, Math.Min(PageSize, limit));
        return asked == Limit ? this : new(PathAndQuery, PaceKey, PageSize, asked, Window, Ascending, body, Unlimited);
    }
}
