namespace KoreHistory.Client;

// What the reader needs of a page once it has handed its records over: its total, its moreAvailable, its record count.
internal readonly struct PageShape
{
    private PageShape(long total, bool? moreAvailable, int count)
    {
        Total = total;
        MoreAvailable = moreAvailable;
        Count = count;
    }

    public long Total { get; }

    public bool? MoreAvailable { get; }

    public int Count { get; }

    public static PageShape Of<T>(Page<T> page) => new(page.Total, page.MoreAvailable, page.Items.Count);

    // Whether another page follows one read at `skip`: moreAvailable, or the total when the page ends short of it
    // even though moreAvailable says false (a server that caps `limit` silently and computes moreAvailable from the
    // limit asked for; the reader bounds how far it follows that). An empty page always ends the paging.
    public bool HasMoreAfter(int skip) => Count > 0 && (MoreAvailable == true || skip + Count < Total);
}
