namespace KoreHistory.Client;

// One page as the API answered it.
internal sealed class Page<T>
{
    // bytes: the size of the body it was read from (0 when not read from one).
    public Page(long total, bool? moreAvailable, IReadOnlyList<T> items, IReadOnlyList<string> invalidSessionIds, long bytes = 0)
    {
        Total = total;
        MoreAvailable = moreAvailable;
        Items = items;
        InvalidSessionIds = invalidSessionIds;
        Bytes = bytes;
    }

    // The size of the body the page was read from: what pages of its segment cost in memory, roughly.
    public long Bytes { get; }

    public long Total { get; }

    // As the API said; null when it did not say.
    public bool? MoreAvailable { get; }

    public IReadOnlyList<T> Items { get; private set; }

    public IReadOnlyList<string> InvalidSessionIds { get; }

    // Whether another page follows one read at `skip` (PageShape.HasMoreAfter).
    public bool HasMoreAfter(int skip) => PageShape.Of(this).HasMoreAfter(skip);

    // The records, for the consumer to own: the page keeps none of them from now on (so that a consumer that lets go of
    // each record once it is done with it frees it, whatever still refers to the page).
    public IReadOnlyList<T> TakeItems()
    {
        var items = Items;
        Items = [];
        return items;
    }

    // The same page with other records (those not handed over before).
    public Page<T> With(IReadOnlyList<T> items) =>
        items.Count == Items.Count ? this : new Page<T>(Total, MoreAvailable, items, InvalidSessionIds, Bytes);

    // The records from `start`, at most `count` of them, as if asked for there: a page answered for more than is
    // wanted now (read for its total, or held whole by the engine) serves part of a read without a request. Always a
    // page of its own, so that taking its records leaves this one whole.
    public Page<T> Slice(int start, int count)
    {
        var from = Math.Min(Math.Max(0, start), Items.Count);
        var taken = Math.Max(0, Math.Min(count, Items.Count - from));
        var items = new T[taken];
        for (var i = 0; i < taken; i++)
        {
            items[i] = Items[from + i];
        }

        return new Page<T>(Total, from + taken < Items.Count ? true : MoreAvailable, items, InvalidSessionIds, Bytes);
    }
}
