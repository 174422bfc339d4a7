namespace KoreHistory.Client;

// A page asked for: its answer to come, where it was asked (skip), how many records it asked for (limit), whether it
// holds one of the sequence's request slots until it is taken, and how to cancel it when the reader no longer wants it
// (null: the reader's own token cancels it). A series' first page may be asked for before its reader gets to it (for
// the total, or ahead by the read's sequence).
internal sealed class AskedPage<T>
{
    public AskedPage(Task<Page<T>> page, int skip, int limit, bool holdsSlot, Action? cancel)
    {
        Page = page;
        Skip = skip;
        Limit = limit;
        HoldsSlot = holdsSlot;
        Cancel = cancel;
    }

    public Task<Page<T>> Page { get; }

    public int Skip { get; }

    public int Limit { get; }

    public bool HoldsSlot { get; }

    public Action? Cancel { get; }
}
