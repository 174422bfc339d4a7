namespace KoreHistory.Client;

// One paged request stream: a path, a bot to pace against, and the JSON body for a given skip.
internal sealed class Segment
{
    public Segment(string pathAndQuery, string paceKey, Func<int, byte[]> bodyForSkip)
    {
        PathAndQuery = pathAndQuery;
        PaceKey = paceKey;
        BodyForSkip = bodyForSkip;
    }

    public string PathAndQuery { get; }

    public string PaceKey { get; }

    public Func<int, byte[]> BodyForSkip { get; }
}

internal sealed class Page<T>
{
    public Page(long total, bool moreAvailable, IReadOnlyList<T> items, IReadOnlyList<string> invalidSessionIds)
    {
        Total = total;
        MoreAvailable = moreAvailable;
        Items = items;
        InvalidSessionIds = invalidSessionIds;
    }

    public long Total { get; }

    public bool MoreAvailable { get; }

    public IReadOnlyList<T> Items { get; }

    public IReadOnlyList<string> InvalidSessionIds { get; }
}
