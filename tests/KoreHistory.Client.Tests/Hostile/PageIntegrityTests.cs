namespace KoreHistory.Client.Tests.Hostile;

// Issue 12, "the same full page forever" and "a total that does not move while messages arrive at the head", and
// issue 11's undocumented edges (an inclusive dateTo, a silent cap on limit): pages are checked by record id and
// time, so no record is handed over twice, none that was there is lost, and a server that sends nothing new ends the
// read with an error instead of an endless loop.
public sealed class PageIntegrityTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(4)]
    public async Task The_same_full_page_forever_ends_the_read_with_an_error_after_a_few_requests(int concurrentRequests)
    {
        await using var server = HostileServer.Start(HostileResponders.SameFullPageForever());
        using var connection = HostileConnections.Connect(server.BaseUri, s => s.MaxConcurrentRequests = concurrentRequests);
        var read = new List<string>();

        var error = await Assert.ThrowsAsync<KoreResponseException>(async () =>
        {
            await foreach (var message in connection.GetMessages(HostileConnections.Query()))
            {
                read.Add(message.MessageId);
            }
        });

        Assert.StartsWith("The API keeps answering with records this read has already handed over, or out of order", error.Message, StringComparison.Ordinal);
        Assert.Equal(200, error.StatusCode);
        Assert.Equal(100, read.Count);
        Assert.Equal(100, read.Distinct().Count());
        Assert.InRange(server.Requests, 3, 10);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(4)]
    public async Task Messages_arriving_at_the_head_under_a_total_that_never_moves_lose_and_repeat_nothing(int concurrentRequests)
    {
        var window = new StaleTotalWindow();
        await using var server = HostileServer.Start(window.RespondAsync);
        using var connection = HostileConnections.Connect(server.BaseUri, s => s.MaxConcurrentRequests = concurrentRequests);

        var read = (await connection.GetMessages(HostileConnections.Query()).CollectAsync()).Select(m => m.MessageId).ToList();

        Assert.Equal(read.Count, read.Distinct().Count());
        Assert.Empty(window.Originals.Except(read));
        // The originals come in the API's order (newest first), after the arrivals the first page saw.
        Assert.Equal(window.Originals, read.Where(id => id.StartsWith("ms-original", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task A_record_on_the_seam_of_two_windows_is_handed_over_once_when_date_to_is_inclusive()
    {
        // Two windows: [to − (7 days − 1 ms), to) and [from, to − (7 days − 1 ms)); one message exactly on the seam.
        var to = HostileResponders.Epoch;
        var from = to.AddDays(-10);
        var seam = to - DateWindows.MaxLength;
        var messages = new[]
        {
            new HostileMessage("ms-newer", seam.AddHours(1)),
            new HostileMessage("ms-seam", seam),
            new HostileMessage("ms-older", seam.AddHours(-1)),
        };
        var variant = new PlatformVariantServer(messages, inclusiveDateTo: true);
        await using var server = HostileServer.Start(variant.RespondAsync);
        using var connection = HostileConnections.Connect(server.BaseUri);

        var read = await connection.GetMessages(new KoreMessageQuery { From = from, To = to }).CollectAsync();

        Assert.Equal(["ms-newer", "ms-seam", "ms-older"], read.Select(m => m.MessageId));
        Assert.Equal(2, server.Requests);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(4)]
    public async Task A_silent_cap_on_limit_is_followed_past_more_available_false_to_the_total(int concurrentRequests)
    {
        var messages = Enumerable.Range(0, 250).Select(i => new HostileMessage($"ms-{i:D3}", HostileResponders.Epoch.AddSeconds(-i))).ToList();
        var variant = new PlatformVariantServer(messages, limitCap: 40);
        await using var server = HostileServer.Start(variant.RespondAsync);
        using var connection = HostileConnections.Connect(server.BaseUri, s => s.MaxConcurrentRequests = concurrentRequests);

        var read = await connection.GetMessages(HostileConnections.Query()).CollectAsync();

        Assert.Equal(messages.Select(m => m.Id), read.Select(m => m.MessageId));
        // 40 a page: seven pages hold 250; the seventh ends at the total, so no empty page is asked for.
        Assert.Equal(7, server.Requests);
    }

    [Fact]
    public async Task A_total_larger_than_the_records_costs_one_empty_page_and_no_more()
    {
        var messages = Enumerable.Range(0, 30).Select(i => new HostileMessage($"ms-{i:D3}", HostileResponders.Epoch.AddSeconds(-i))).ToList();
        await using var server = HostileServer.Start(exchange =>
        {
            var ask = HostilePages.AskOf(exchange.Request);
            return exchange.SendJsonAsync(200, HostilePages.Messages(500, false, messages.Skip(ask.Skip).Take(ask.Limit)));
        });
        using var connection = HostileConnections.Connect(server.BaseUri);

        var read = await connection.GetMessages(HostileConnections.Query()).CollectAsync();

        Assert.Equal(30, read.Count);
        Assert.Equal(2, server.Requests);
    }
}
