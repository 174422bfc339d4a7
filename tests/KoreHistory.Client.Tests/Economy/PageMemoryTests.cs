using System.Runtime.InteropServices;
using System.Text;

namespace KoreHistory.Client.Tests.Economy;

// Issue 16's memory rules, one at a time: a record keeps its own bytes, not its page's; a large page is parsed when the
// reader takes it, not when it arrives; pages held ahead of the consumer are bounded by bytes as well as by count.
public sealed class PageMemoryTests
{
    private const string TwoMessages =
        """{"total":2,"moreAvailable":false,"messages":[""" +
        """{"_id":"ms-1","type":"incoming","timestampValue":1767225600000,"sessionId":"s1","components":[{"_id":"cp-1","cT":"text","data":{"text":"hello"}}]},""" +
        """{"_id":"ms-2","type":"outgoing","timestampValue":1767225601000,"sessionId":"s1","components":[{"_id":"cp-2","cT":"text","data":{"text":"hi"}},{"_id":"cp-3","cT":"text","data":{"text":"there"}}]}""" +
        "]}";

    [Fact]
    public void A_message_keeps_its_own_bytes_and_its_components_share_them_not_the_pages()
    {
        var body = Encoding.UTF8.GetBytes(TwoMessages);

        var message = PageParser.Messages(body).Items[1];

        Assert.True(MemoryMarshal.TryGetArray(message.Raw.Utf8, out var own));
        Assert.NotSame(body, own.Array);
        Assert.Equal(own.Count, own.Array!.Length);
        Assert.StartsWith("{\"_id\":\"ms-2\"", message.GetRawJson(), StringComparison.Ordinal);
        foreach (var component in message.Components)
        {
            Assert.True(MemoryMarshal.TryGetArray(component.Raw.Utf8, out var part));
            Assert.Same(own.Array, part.Array);
        }

        Assert.Equal("""{"_id":"cp-3","cT":"text","data":{"text":"there"}}""", message.Components[1].GetRawJson());
    }

    [Fact]
    public void A_deferred_page_is_parsed_once_when_first_looked_at_and_what_waits_for_it_runs_first()
    {
        var parses = 0;
        var seen = new List<string>();
        var page = Page<string>.Deferred(5_000_000, () =>
        {
            parses++;
            return new Page<string>(3, false, ["a", "b", "c"], []);
        }).WhenParsed(parsed => seen.AddRange(parsed.Items));

        Assert.Equal(0, parses);
        Assert.Equal(5_000_000, page.Bytes);
        Assert.Equal(0, parses);
        Assert.Equal(3, page.Total);
        Assert.Equal(["a", "b", "c"], page.TakeItems());
        Assert.Empty(page.Items);
        Assert.Equal(1, parses);
        Assert.Equal(["a", "b", "c"], seen);
    }

    [Theory]
    [InlineData(20_000_000, 2)]
    [InlineData(100_000, 4)]
    public async Task Pages_held_ahead_are_bounded_by_bytes_as_well_as_by_count(long bytesPerPage, int mostOutstanding)
    {
        var plan = new List<PageSeries> { new("p", "bot", 100, null, false, (_, skip, limit) => Encoding.UTF8.GetBytes($"{skip}:{limit}")) };
        var seenOutstanding = 0;
        PagedReader<string>? reader = null;

        Task<Page<string>> Fetch(PageRequest request, CancellationToken ct)
        {
            var skip = request.Skip;
            seenOutstanding = Math.Max(seenOutstanding, reader!.Outstanding);
            var items = Enumerable.Range(skip, Math.Min(100, 2_000 - skip)).Select(n => $"m{n}").ToList();
            return Task.Run(async () =>
            {
                await Task.Delay(2, ct);
                return new Page<string>(2_000, skip + 100 < 2_000, items, [], bytesPerPage);
            }, ct);
        }

        reader = new PagedReader<string>(plan, Fetch, _ => null, new RecordKeys<string>(_ => DateTimeOffset.UnixEpoch, s => s), maxConcurrentRequests: 4);
        var read = 0;
        await foreach (var page in reader.ReadAsync(CancellationToken.None))
        {
            read += page.Items.Count;
            await Task.Delay(5);
        }

        Assert.Equal(2_000, read);
        Assert.Equal(mostOutstanding, seenOutstanding);
    }
}
