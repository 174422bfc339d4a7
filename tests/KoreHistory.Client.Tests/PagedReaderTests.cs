using System.Text;

namespace KoreHistory.Client.Tests;

// The reader on its own, with a fake API that answers in random order: pages come out in reading order, each
// page is asked for once, and no more than MaxConcurrentRequests pages are held ahead of the reader.
public sealed class PagedReaderTests
{
    private static readonly int[] WindowSizes = [25, 0, 31, 10, 7];

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(4)]
    [InlineData(16)]
    public async Task Pages_come_in_reading_order_each_asked_once_with_at_most_the_concurrent_requests_held_ahead(int maxConcurrentRequests)
    {
        var plan = WindowSizes.Select((_, w) => new PageSeries("p", "bot", 10, null, false, (_, skip) => Encoding.UTF8.GetBytes($"{w}:{skip}"))).ToList();
        var asked = new List<string>();
        var mostOutstanding = 0;
        var random = new Random(maxConcurrentRequests);
        PagedReader<string>? reader = null;

        Task<Page<string>> Fetch(PageRequest request, CancellationToken ct)
        {
            var (index, skip) = (request.SeriesIndex, request.Skip);
            var window = index;
            asked.Add($"{window}:{skip}");
            mostOutstanding = Math.Max(mostOutstanding, reader!.Outstanding);
            var total = WindowSizes[window];
            var items = Enumerable.Range(skip, Math.Max(0, Math.Min(10, total - skip))).Select(n => $"{window}-{n}").ToList();
            var delay = random.Next(0, 5);
            return Task.Run(async () =>
            {
                await Task.Delay(delay, ct);
                return new Page<string>(total, skip + items.Count < total, items, []);
            }, ct);
        }

        reader = new PagedReader<string>(plan, Fetch, _ => null, new RecordKeys<string>(_ => DateTimeOffset.UnixEpoch, s => s), maxConcurrentRequests);
        var read = new List<string>();
        await foreach (var page in reader.ReadAsync(CancellationToken.None))
        {
            read.AddRange(page.Items);
        }

        var expected = WindowSizes.SelectMany((size, w) => Enumerable.Range(0, size).Select(n => $"{w}-{n}"));
        Assert.Equal(expected, read);
        Assert.Equal(asked.Count, asked.Distinct().Count());
        Assert.Equal(WindowSizes.Sum(size => Math.Max(1, (size + 9) / 10)), asked.Count);
        Assert.InRange(mostOutstanding, maxConcurrentRequests == 1 ? 1 : 2, maxConcurrentRequests == 1 ? 1 : maxConcurrentRequests + 1);
    }

    [Fact]
    public async Task A_read_stopped_early_has_no_request_left_running_once_it_is_disposed()
    {
        var plan = new List<PageSeries> { new("p", "bot", 10, null, false, (_, skip) => Encoding.UTF8.GetBytes($"{skip}")) };
        var requests = new List<Task<Page<string>>>();

        // The first three pages answer at once; the pages read ahead after them answer only when cancelled, and then
        // slowly, as a request being torn down does. Read-ahead ramps up with the pages handed over, so the reader
        // asks ahead once two pages are read.
        Task<Page<string>> Fetch(PageRequest asked, CancellationToken ct)
        {
            var skip = asked.Skip;
            var items = Enumerable.Range(skip, 10).Select(n => $"m{n}").ToList();
            var request = skip < 30
                ? Task.FromResult(new Page<string>(100, true, items, []))
                : Task.Run(async () =>
                {
                    await Task.Delay(Timeout.Infinite, ct).ContinueWith(_ => { }, TaskScheduler.Default);
                    await Task.Delay(50, CancellationToken.None);
                    ct.ThrowIfCancellationRequested();
                    return new Page<string>(100, true, items, []);
                }, CancellationToken.None);
            requests.Add(request);
            return request;
        }

        var reader = new PagedReader<string>(plan, Fetch, _ => null, new RecordKeys<string>(_ => DateTimeOffset.UnixEpoch, s => s), 4);
        var read = new List<string>();
        await foreach (var page in reader.ReadAsync(CancellationToken.None))
        {
            read.AddRange(page.Items);
            if (read.Count >= 25)
            {
                break;
            }
        }

        Assert.True(requests.Count > 3, "the reader should have read ahead");
        Assert.All(requests, request => Assert.True(request.IsCompleted, "a request of the stopped read is still running"));
    }
}
