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
    public Page(long total, bool? moreAvailable, IReadOnlyList<T> items, IReadOnlyList<string> invalidSessionIds)
    {
        Total = total;
        MoreAvailable = moreAvailable;
        Items = items;
        InvalidSessionIds = invalidSessionIds;
    }

    public long Total { get; }

    // As the API said; null when it did not say.
    public bool? MoreAvailable { get; }

    public IReadOnlyList<T> Items { get; }

    public IReadOnlyList<string> InvalidSessionIds { get; }

    // Whether another page follows one read at `skip`: moreAvailable, or the total when moreAvailable is missing.
    // An empty page always ends the paging, whatever the flags say.
    public bool HasMoreAfter(int skip) => Items.Count > 0 && (MoreAvailable ?? skip + Items.Count < Total);
}
