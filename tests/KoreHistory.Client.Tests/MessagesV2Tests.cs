namespace KoreHistory.Client.Tests;

// UseMessagesV2: getMessagesV2 with up to 10,000 messages a request, without Alert and Action task messages.
public sealed class MessagesV2Tests : IClassFixture<ReadingEmulator>
{
    private readonly ReadingEmulator emulator;

    public MessagesV2Tests(ReadingEmulator emulator)
    {
        this.emulator = emulator;
    }

    [Fact]
    public async Task V2_reads_each_window_in_one_request_and_leaves_out_only_alerts_and_actions()
    {
        var from = ReadingEmulator.Now.AddDays(-30);
        using var connection = emulator.Connect();
        var log = new RequestRecorder();

        var all = await connection.GetMessages(new KoreMessageQuery { From = from, To = ReadingEmulator.Now }).CollectAsync();
        var v2 = await connection.GetMessages(new KoreMessageQuery { From = from, To = ReadingEmulator.Now, UseMessagesV2 = true }, log.Options).CollectAsync();

        var left = all.Where(m => !m.ContentTypes.Contains("alert", StringComparison.Ordinal) && !m.ContentTypes.Contains("action", StringComparison.Ordinal));
        Assert.Equal(left.Select(m => m.MessageId), v2.Select(m => m.MessageId));
        Assert.True(v2.Count < all.Count, "the emulator's data has alerts and actions to leave out");
        Assert.True(v2.Count > 1000, $"only {v2.Count} messages: a page of 100 would not be exercised");
        // 30 days are five windows of under 7 days: one request each.
        Assert.Equal(5, log.Entries.Count);
        Assert.All(log.Entries, e =>
        {
            Assert.EndsWith("/getMessagesV2", e.Path, StringComparison.Ordinal);
            Assert.Contains("\"limit\":10000,", e.Body, StringComparison.Ordinal);
        });
    }

    [Fact]
    public async Task A_page_size_chosen_with_v2_is_sent_as_is()
    {
        var from = ReadingEmulator.Now.AddDays(-3);
        using var connection = emulator.Connect();
        var log = new RequestRecorder();

        var v2 = await connection.GetMessages(new KoreMessageQuery { From = from, To = ReadingEmulator.Now, UseMessagesV2 = true, PageSize = 50 }, log.Options).CollectAsync();

        Assert.Equal(v2.Count, v2.Select(m => m.MessageId).Distinct().Count());
        Assert.Equal((v2.Count + 49) / 50, log.Entries.Count);
        Assert.All(log.Entries, e => Assert.Contains("\"limit\":50,", e.Body, StringComparison.Ordinal));
    }

    [Fact]
    public void V2_on_an_admin_console_connection_without_a_bot_is_refused_before_any_request()
    {
        using var connection = emulator.ConnectAdmin();
        var log = new RequestRecorder();

        var error = Assert.Throws<KoreValidationException>(() => connection.GetMessages(new KoreMessageQuery { UseMessagesV2 = true }, log.Options));

        Assert.Equal("UseMessagesV2", error.ParameterName);
        Assert.Contains("bot id", error.Message, StringComparison.Ordinal);
        Assert.Empty(log.Entries);
    }

    [Theory]
    [InlineData(false, 101, "UseMessagesV2")]
    [InlineData(false, 10_000, "UseMessagesV2")]
    [InlineData(true, 10_001, "10000")]
    [InlineData(true, 0, "PageSize")]
    public void A_page_size_past_the_api_used_is_refused_with_the_way_out(bool v2, int pageSize, string hint)
    {
        var query = new KoreMessageQuery { UseMessagesV2 = v2, PageSize = pageSize };

        var error = Assert.Throws<KoreValidationException>(query.Validate);

        Assert.Equal("PageSize", error.ParameterName);
        Assert.Contains(hint, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Without_v2_the_default_page_is_the_getMessages_maximum_and_with_it_the_v2_maximum()
    {
        Assert.Equal(KoreMessageQuery.MaxPageSize, new KoreMessageQuery().PageSize);
        Assert.Equal(KoreMessageQuery.MaxPageSizeV2, new KoreMessageQuery { UseMessagesV2 = true }.PageSize);
    }
}
