namespace KoreHistory.Client.Tests;

public sealed class ExportCheckpointTests
{
    [Fact]
    public void An_export_checkpoint_round_trips_with_its_read_checkpoints_and_file_lengths_and_says_how_far_it_stands()
    {
        var from = new DateTime(2026, 11, 1, 0, 0, 0, DateTimeKind.Utc);
        var checkpoint = new KoreExportCheckpoint("st-1", "JsonLines", from)
        {
            Sessions = new KoreReadCheckpoint(new DateTime(2026, 11, 29, 0, 0, 0, DateTimeKind.Utc)),
            Messages = KoreReadCheckpoint.Parse("{\"v\":1,\"through\":\"2026-11-28T23:59:55.120Z\",\"last\":\"2026-11-29T00:00:00.120Z\",\"ids\":[\"ms-a\",\"ms-b\"]}"),
            SessionsExported = 12,
            MessagesExported = 340,
            CommittedAt = new DateTime(2026, 11, 29, 2, 0, 0, DateTimeKind.Utc),
        };
        checkpoint.SetFileLength("messages/2026-11-28.jsonl", 1234);
        checkpoint.SetFileLength("messages/2026-11-29.jsonl", 0);

        var json = checkpoint.ToJson();
        var read = KoreExportCheckpoint.Parse(json);

        Assert.Contains("\"exportedThrough\": \"2026-11-28T23:59:55.120Z\"", json, StringComparison.Ordinal);
        Assert.Contains("\"ids\":[\"ms-a\",\"ms-b\"]", json, StringComparison.Ordinal);
        Assert.Equal(checkpoint.Messages, read.Messages);
        Assert.Equal(checkpoint.Sessions, read.Sessions);
        Assert.Equal(checkpoint.Files, read.Files);
        Assert.Equal((12, 340), (read.SessionsExported, read.MessagesExported));
        Assert.Equal(new DateTime(2026, 11, 28, 23, 59, 55, 120, DateTimeKind.Utc), read.ExportedThrough);
        Assert.Equal(from, new KoreExportCheckpoint("st-1", "Csv", from).ExportedThrough);
    }

    [Theory]
    [InlineData("")]
    [InlineData("{\"version\":2}")]
    [InlineData("{\"version\":1,\"botId\":\"st-1\"}")]
    [InlineData("{\"version\":1,\"botId\":\"st-1\",\"format\":\"Csv\",\"from\":\"2026-11-01T00:00:00.000Z\",\"committedAt\":\"2026-11-01T00:00:00.000Z\",\"sessionsExported\":0,\"messagesExported\":0,\"files\":{\"a\":-1}}")]
    public void A_damaged_export_checkpoint_is_refused_with_a_message_that_says_so(string json)
    {
        var error = Assert.Throws<KoreValidationException>(() => KoreExportCheckpoint.Parse(json));
        Assert.StartsWith("The export checkpoint cannot be read", error.Message, StringComparison.Ordinal);
    }
}
