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

    // The records from `start`, at most `count` of them, as if asked for there: a page answered for more than is
    // wanted now (read for its total, or held whole by the engine) serves part of a read without a request.
    public Page<T> Slice(int start, int count)
    {
        var from = Math.Min(Math.Max(0, start), Items.Count);
        var taken = Math.Max(0, Math.Min(count, Items.Count - from));
        if (from == 0 && taken == Items.Count)
        {
            return this;
        }

        var items = new T[taken];
        for (var i = 0; i < taken; i++)
        {
            items[i] = Items[from + i];
        }

        return new Page<T>(Total, from + taken < Items.Count ? true : MoreAvailable, items, InvalidSessionIds);
    }
}
