using System.Runtime.ExceptionServices;

namespace KoreHistory.Client;

// One page as the API answered it. A large body is parsed when the page is first looked at (Deferred) rather than when
// it arrives: a page read ahead then waits as its bytes, about a third of what its records take once parsed, and its
// records live only from when the reader takes it until they are consumed (a getMessagesV2 page holds 10,000).
internal sealed class Page<T>
{
    // Bodies at least this large are parsed when their page is taken, not when they arrive.
    public const int DeferredParseBytes = 1024 * 1024;

    private readonly object gate = new();
    private Func<Page<T>>? parse;
    private ExceptionDispatchInfo? failure;
    private long total;
    private bool? moreAvailable;
    private IReadOnlyList<T> items;
    private IReadOnlyList<string> invalidSessionIds;

    // bytes: the size of the body it was read from (0 when not read from one).
    public Page(long total, bool? moreAvailable, IReadOnlyList<T> items, IReadOnlyList<string> invalidSessionIds, long bytes = 0)
    {
        this.total = total;
        this.moreAvailable = moreAvailable;
        this.items = items;
        this.invalidSessionIds = invalidSessionIds;
        Bytes = bytes;
    }

    private Page(long bytes, Func<Page<T>> parse)
        : this(0, null, [], [], bytes)
    {
        this.parse = parse;
    }

    // The size of the body the page was read from: what pages of its series cost in memory, roughly.
    public long Bytes { get; }

    public long Total => Parsed().total;

    // As the API said; null when it did not say.
    public bool? MoreAvailable => Parsed().moreAvailable;

    public IReadOnlyList<T> Items => Parsed().items;

    public IReadOnlyList<string> InvalidSessionIds => Parsed().invalidSessionIds;

    // A page of `bytes` parsed by `parse` when one of its members is first read; a parse that fails fails that read and
    // every later one.
    public static Page<T> Deferred(long bytes, Func<Page<T>> parse) => new(bytes, parse);

    // The same page, `then` run once on it as soon as it is parsed (at once when it is), before anything else sees it.
    public Page<T> WhenParsed(Action<Page<T>> then)
    {
        if (Volatile.Read(ref parse) is null)
        {
            then(this);
            return this;
        }

        return Deferred(Bytes, () =>
        {
            then(Parsed());
            return this;
        });
    }

    // Whether another page follows one read at `skip` (PageShape.HasMoreAfter).
    public bool HasMoreAfter(int skip) => PageShape.Of(this).HasMoreAfter(skip);

    // The records, for the consumer to own: the page keeps none of them from now on (so that a consumer that lets go of
    // each record once it is done with it frees it, whatever still refers to the page).
    public IReadOnlyList<T> TakeItems()
    {
        var taken = Parsed().items;
        items = [];
        return taken;
    }

    private Page<T> Parsed()
    {
        if (Volatile.Read(ref parse) is not null)
        {
            lock (gate)
            {
                failure?.Throw();
                if (parse is { } pending)
                {
                    try
                    {
                        var page = pending();
                        (total, moreAvailable, items, invalidSessionIds) = (page.Total, page.MoreAvailable, page.Items, page.InvalidSessionIds);
                    }
                    catch (Exception exception)
                    {
                        // The body is gone once parsed, well or not: every later look fails the same way.
                        failure = ExceptionDispatchInfo.Capture(exception);
                        throw;
                    }

                    Volatile.Write(ref parse, null);
                }
            }
        }

        return this;
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
