namespace KoreHistory.Client.Tests.Hostile;

// Issue 12, "a 2.6 MB gzip body that expands hugely" and "an endless chunked body": the response is read as it
// streams and stops at the cap (64 MB on the wire or decompressed), with a KoreResponseException and no retry.
public sealed class ResponseSizeTests
{
    [Fact]
    public async Task A_gzip_bomb_ends_the_read_at_the_size_cap_after_one_request()
    {
        var bomb = GzipBomb.Make(256L * 1024 * 1024);
        await using var server = HostileServer.Start(exchange => GzipBomb.SendAsync(exchange, bomb));
        using var connection = HostileConnections.Connect(server.BaseUri);

        var error = await Assert.ThrowsAsync<KoreResponseException>(() => connection.GetMessages(HostileConnections.Query()).CollectAsync());

        Assert.StartsWith("The API's answer was refused (not retried): the response was cut at 64 MB, more than any real page holds", error.Message, StringComparison.Ordinal);
        Assert.Equal(200, error.StatusCode);
        Assert.EndsWith("/getMessages", error.Path, StringComparison.Ordinal);
        Assert.Equal(1, server.Requests);
        Assert.True(bomb.Length < 1024 * 1024, $"the bomb is {bomb.Length} bytes on the wire");
    }

    [Fact]
    public async Task An_endless_chunked_body_ends_the_read_at_the_size_cap_after_one_request()
    {
        await using var server = HostileServer.Start(HostileResponders.EndlessChunkedAsync);
        using var connection = HostileConnections.Connect(server.BaseUri);

        var error = await Assert.ThrowsAsync<KoreResponseException>(() => connection.GetMessages(HostileConnections.Query()).CollectAsync());

        Assert.Contains("cut at 64 MB", error.Message, StringComparison.Ordinal);
        Assert.Equal(1, server.Requests);
    }

    [Fact]
    public async Task A_declared_length_over_the_cap_is_refused_before_its_body_is_read()
    {
        await using var server = HostileServer.Start(async exchange =>
        {
            await exchange.SendHeadAsync(200, ("Content-Type", "application/json"), ("Content-Length", (100L * 1024 * 1024).ToString(System.Globalization.CultureInfo.InvariantCulture)));
            await exchange.Stream.WriteAsync("{\"total\":0,\"messages\":["u8.ToArray(), exchange.Stopping);
        });
        var log = new RequestRecorder();
        using var connection = HostileConnections.Connect(server.BaseUri);

        var error = await Assert.ThrowsAsync<KoreResponseException>(() => connection.GetMessages(HostileConnections.Query(), log.Options).CollectAsync());

        Assert.Contains("cut at 64 MB", error.Message, StringComparison.Ordinal);
        var attempt = Assert.Single(log.Entries);
        Assert.Equal(200, attempt.StatusCode);
        Assert.Contains("64 MB", attempt.Failure, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_page_of_ten_thousand_large_messages_is_under_the_cap_and_read_whole()
    {
        // 10,000 messages of about 3 KB each, gzip-compressed as a server would send them: some 30 MB expanded.
        var text = "\"" + new string('x', 2500) + "\"";
        var page = HostilePages.Messages(10_000, false, Enumerable.Range(0, 10_000).Select(i => new HostileMessage($"ms-{i:D5}", HostileResponders.Epoch.AddMilliseconds(-i), text)));
        var gzipped = Gzip(System.Text.Encoding.UTF8.GetBytes(page));
        await using var server = HostileServer.Start(exchange => exchange.SendAsync(200, "application/json", gzipped, ("Content-Encoding", "gzip")));
        using var connection = HostileConnections.Connect(server.BaseUri);

        var messages = await connection.GetMessages(new KoreMessageQuery { From = StaleTotalWindow.From, To = StaleTotalWindow.To, PageSize = 10_000, UseMessagesV2 = true }).CollectAsync();

        Assert.Equal(10_000, messages.Select(m => m.MessageId).Distinct().Count());
        Assert.True(page.Length > 25_000_000, $"the page is only {page.Length} bytes");
    }

    private static byte[] Gzip(byte[] data)
    {
        using var output = new MemoryStream();
        using (var gzip = new System.IO.Compression.GZipStream(output, System.IO.Compression.CompressionLevel.Fastest, leaveOpen: true))
        {
            gzip.Write(data);
        }

        return output.ToArray();
    }
}
