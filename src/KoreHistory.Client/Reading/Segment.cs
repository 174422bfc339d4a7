namespace KoreHistory.Client;

// One paged request stream: a path, a bot to pace against, the page size asked for, and the JSON body for a
// given skip. A segment with a date window can be narrowed to part of it (the same request otherwise), which is
// how a read recovers when the records inside a window change while it is being paged.
internal sealed class Segment
{
    private readonly Func<DateWindow?, int, byte[]> body;

    public Segment(string pathAndQuery, string paceKey, int pageSize, DateWindow? window, bool ascending, Func<DateWindow?, int, byte[]> body)
    {
        PathAndQuery = pathAndQuery;
        PaceKey = paceKey;
        PageSize = pageSize;
        Window = window;
        Ascending = ascending;
        this.body = body;
    }

    public string PathAndQuery { get; }

    public string PaceKey { get; }

    // The `limit` every page of this segment asks for.
    public int PageSize { get; }

    // The dateFrom/dateTo sent; null when the request has none (by id, around a message).
    public DateWindow? Window { get; }

    // Records come oldest first (forward) rather than newest first.
    public bool Ascending { get; }

    public byte[] BodyForSkip(int skip) => body(Window, skip);

    public Segment Narrowed(DateWindow window) => new(PathAndQuery, PaceKey, PageSize, window, Ascending, body);
}
