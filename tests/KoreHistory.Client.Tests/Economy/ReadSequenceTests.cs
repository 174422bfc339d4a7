using System.Collections.Concurrent;
using System.Text;

namespace KoreHistory.Client.Tests.Economy;

// Reads consumed one after another as one stream (a command's piped batches), against a fake API that answers after a
// short delay and counts what is in flight: the next read's first request goes out while the current one is consumed,
// within one MaxConcurrentRequests, never beyond what First still wants, never before Skip is spent; results come in
// order, each page asked for once.
public sealed class ReadSequenceTests
{
    private const int PageSize = 100;

    [Fact]
    public async Task The_next_reads_first_request_goes_out_while_the_current_one_is_consumed()
    {
        var api = new FakeApi(delayMs: 15);
        using var sequence = new KoreReadSequence();
        var first = api.Read("a", 450, maxConcurrentRequests: 4, sequence);
        var second = api.Read("b", 250, maxConcurrentRequests: 4, sequence);

        var handed = new List<string>();
        var secondAskedBeforeFirstEnded = false;
        await foreach (var page in first.ReadPagesAsync())
        {
            handed.AddRange(page);
            secondAskedBeforeFirstEnded |= api.Asked.Any(a => a.StartsWith("b:", StringComparison.Ordinal));
        }

        handed.AddRange((await second.CollectAsync()));

        Assert.True(secondAskedBeforeFirstEnded, "the second read's first page should have been asked for while the first was read");
        Assert.Equal(Expected("a", 450).Concat(Expected("b", 250)), handed);
        Assert.Equal(api.Asked.Count, api.Asked.Distinct().Count());
        Assert.InRange(api.MostInFlight, 2, 4);
    }

    [Fact]
    public async Task A_read_that_supplies_what_first_wants_leaves_the_next_one_unasked()
    {
        var api = new FakeApi(delayMs: 5);
        using var sequence = new KoreReadSequence(first: 120);
        var first = api.Read("a", 450, maxConcurrentRequests: 4, sequence);
        var second = api.Read("b", 250, maxConcurrentRequests: 4, sequence);

        var handed = (await first.CollectAsync()).Concat(await second.CollectAsync()).ToList();

        Assert.Equal(Expected("a", 120), handed);
        Assert.Equal(["a:0:100", "a:100:20"], api.Asked.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task The_next_read_is_asked_ahead_for_only_what_the_current_one_falls_short_of()
    {
        var api = new FakeApi(delayMs: 15);
        using var sequence = new KoreReadSequence(first: 300);
        var first = api.Read("a", 250, maxConcurrentRequests: 4, sequence);
        var second = api.Read("b", 250, maxConcurrentRequests: 4, sequence);

        var handed = new List<string>();
        await foreach (var page in first.ReadPagesAsync())
        {
            handed.AddRange(page);
        }

        Assert.Contains("b:0:50", api.Asked);
        handed.AddRange(await second.CollectAsync());
        Assert.Equal(Expected("a", 250).Concat(Expected("b", 50)), handed);
        Assert.Equal(["a:0:100", "a:100:100", "a:200:100", "b:0:50"], api.Asked.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task A_skip_longer_than_the_first_read_passes_it_over_and_starts_the_next_read_where_the_skip_ends()
    {
        var api = new FakeApi(delayMs: 5);
        using var sequence = new KoreReadSequence(skip: 260, first: 30);
        var first = api.Read("a", 250, maxConcurrentRequests: 4, sequence);
        var second = api.Read("b", 250, maxConcurrentRequests: 4, sequence);

        var handed = (await first.CollectAsync()).Concat(await second.CollectAsync()).ToList();

        Assert.Equal(Expected("b", 250).Skip(10).Take(30), handed);
        Assert.Equal(["a:260:30", "b:10:30"], api.Asked);
        Assert.Equal(260, sequence.Skipped);
    }

    [Fact]
    public async Task With_one_request_at_a_time_nothing_of_the_next_read_is_asked_ahead()
    {
        var api = new FakeApi(delayMs: 5);
        using var sequence = new KoreReadSequence();
        var first = api.Read("a", 250, maxConcurrentRequests: 1, sequence);
        var second = api.Read("b", 150, maxConcurrentRequests: 1, sequence);

        await foreach (var _ in first.ReadPagesAsync())
        {
            Assert.DoesNotContain(api.Asked, a => a.StartsWith("b:", StringComparison.Ordinal));
        }

        Assert.Equal(Expected("b", 150), await second.CollectAsync());
        Assert.Equal(1, api.MostInFlight);
    }

    [Fact]
    public async Task Disposing_the_sequence_ends_a_request_made_ahead_for_a_read_never_consumed()
    {
        var api = new FakeApi(delayMs: 5, slowReads: ["b"]);
        var sequence = new KoreReadSequence();
        var first = api.Read("a", 450, maxConcurrentRequests: 4, sequence);
        _ = api.Read("b", 250, maxConcurrentRequests: 4, sequence);

        await first.CollectAsync();
        Assert.Contains("b:0:100", api.Asked);
        sequence.Dispose();

        Assert.Equal(0, api.InFlight);
    }

    private static IEnumerable<string> Expected(string read, int total) => Enumerable.Range(0, total).Select(n => $"{read}{n}");

    // Each read is one series of `total` records named read0, read1, …; a page answers after the delay (a read named in
    // slowReads only when cancelled).
    private sealed class FakeApi
    {
        private readonly int delayMs;
        private readonly HashSet<string> slowReads;
        private int inFlight;
        private int mostInFlight;

        public FakeApi(int delayMs, string[]? slowReads = null)
        {
            this.delayMs = delayMs;
            this.slowReads = [.. slowReads ?? []];
        }

        public ConcurrentQueue<string> AskedQueue { get; } = new();

        public List<string> Asked => [.. AskedQueue];

        public int InFlight => Volatile.Read(ref inFlight);

        public int MostInFlight => Volatile.Read(ref mostInFlight);

        public KoreResults<string> Read(string name, int total, int maxConcurrentRequests, KoreReadSequence sequence)
        {
            var series = new PageSeries(name, "bot", PageSize, null, false, (_, skip, limit) => Encoding.UTF8.GetBytes($"{skip}:{limit}"));
            return new KoreResults<string>(
                (_, _) => Task.FromResult<IReadOnlyList<PageSeries>>([series]),
                (asked, skip, ct) => Fetch(name, total, skip, asked.Limit, ct),
                null,
                new RecordKeys<string>(_ => DateTimeOffset.UnixEpoch, s => s),
                maxConcurrentRequests,
                sequence: sequence);
        }

        private async Task<Page<string>> Fetch(string name, int total, int skip, int limit, CancellationToken ct)
        {
            AskedQueue.Enqueue($"{name}:{skip}:{limit}");
            var now = Interlocked.Increment(ref inFlight);
            InterlockedMax(ref mostInFlight, now);
            try
            {
                await Task.Delay(slowReads.Contains(name) ? Timeout.Infinite : delayMs, ct);
                var items = Enumerable.Range(skip, Math.Max(0, Math.Min(limit, total - skip))).Select(n => $"{name}{n}").ToList();
                return new Page<string>(total, skip + limit < total, items, []);
            }
            finally
            {
                Interlocked.Decrement(ref inFlight);
            }
        }

        private static void InterlockedMax(ref int target, int value)
        {
            var seen = Volatile.Read(ref target);
            while (value > seen)
            {
                var previous = Interlocked.CompareExchange(ref target, value, seen);
                if (previous == seen)
                {
                    return;
                }

                seen = previous;
            }
        }
    }
}
