namespace KoreHistory.Client;

// One page as the API answered it.
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

    // Whether another page follows one read at `skip`: moreAvailable, or the total when the page ends short of it
    // even though moreAvailable says false (a server that caps `limit` silently and computes moreAvailable from the
    // limit asked for; the reader bounds how far it follows that). An empty page always ends the paging.
    public bool HasMoreAfter(int skip) => Items.Count > 0 && (MoreAvailable == true || skip + Items.Count < Total);

    // The same page with other records (those not handed over before).
    public Page<T> With(IReadOnlyList<T> items) =>
        items.Count == Items.Count ? this : new Page<T>(Total, MoreAvailable, items, InvalidSessionIds);
}
