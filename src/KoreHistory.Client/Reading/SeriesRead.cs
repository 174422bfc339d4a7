namespace KoreHistory.Client;

// Where a PagedReader stands in one series of its plan: its first page, the pages planned after it, and how far it has
// read.
internal sealed class SeriesRead<T>
{
    public bool FirstStarted { get; set; }

    // The first page's request until the reader takes it.
    public PendingPage<T>? First { get; set; }

    // Cancels a first page asked for ahead by the sequence when this read stops before taking it.
    public CancellationTokenRegistration? CancelAskedAhead { get; set; }

    // Where the first page handed over began, and whether the server answered it with every record asked for (a
    // short page with more to come means it pages by less than asked).
    public int FirstSkip { get; set; }

    public bool FirstFull { get; set; }

    public bool PlanDecided { get; set; }

    // The pages after the first one, at fixed offsets (offset, limit); empty when the series is read sequentially.
    public List<(int Offset, int Limit)> Plan { get; } = [];

    // The requests for the planned pages, in order; each is cleared once its page is taken.
    public List<PendingPage<T>?> Planned { get; } = [];

    // Where the read of the series stands (the skip after the last page taken), and its total once known.
    public int Offset { get; set; }

    public long? Total { get; set; }
}
