namespace KoreHistory.Client;

// A page a PagedReader waits for, until it is taken or abandoned: the page asked for, and what the reader accounts
// for it.
internal sealed class PendingPage<T>
{
    public PendingPage(AskedPage<T> asked, bool counted)
    {
        Asked = asked;
        Counted = counted;
    }

    public AskedPage<T> Asked { get; }

    public Task<Page<T>> Task => Asked.Page;

    // Completes when the request has ended, however it ended; reading it observes a failure.
    public Task Ended => Task.ContinueWith(static t => _ = t.Exception, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);

    // Counted among the reader's outstanding requests (a page asked for before the reader got to it is not).
    public bool Counted { get; }

    // Its slot and count have been given back.
    public bool Released { get; set; }

    // Its end is awaited by the reader, which no longer wants it.
    public bool Observed { get; set; }
}
