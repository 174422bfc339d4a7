using System.Text;
using KoreHistory.Client;
using KoreHistory.Export;

namespace KoreHistory.ModuleTests;

// Export-KoreHistory's file work, without PowerShell: the commit protocol, the lock, the CSV lines, the ETA.
public sealed class ExportFilesTests : IDisposable
{
    private static readonly DateTime From = new(2026, 11, 27, 0, 0, 0, DateTimeKind.Utc);
    private readonly string folder = Path.Combine(Path.GetTempPath(), "korehistory-export-" + Guid.NewGuid().ToString("n"));

    public void Dispose()
    {
        if (Directory.Exists(folder))
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void What_was_appended_after_the_last_commit_is_cut_off_when_the_folder_is_opened_again()
    {
        using (var first = BotFolder.Open(folder, "st-1", KoreExportFormat.JsonLines, From))
        {
            first.Append("messages/2026-11-27.jsonl", [], [Line("a"), Line("b")]);
            first.Commit(state => state.MessagesExported += 2);
            first.Append("messages/2026-11-27.jsonl", [], [Line("c")]);
            first.Append("messages/2026-11-28.jsonl", [], [Line("d")]);
            // The process dies here: no commit.
        }

        using var second = BotFolder.Open(folder, "st-1", KoreExportFormat.JsonLines, null);
        Assert.Equal("{\"id\":\"a\"}\n{\"id\":\"b\"}\n", File.ReadAllText(Path.Combine(folder, "messages/2026-11-27.jsonl")));
        // Listed before its first append, so its record goes too.
        Assert.Equal("", File.ReadAllText(Path.Combine(folder, "messages/2026-11-28.jsonl")));
        Assert.Equal(2, second.State.MessagesExported);
        Assert.False(File.Exists(Path.Combine(folder, "checkpoint.json.tmp")));
    }

    [Fact]
    public void A_file_shorter_than_committed_another_format_or_a_first_run_without_From_stops_before_anything_is_written()
    {
        Assert.Contains("needs -From", Assert.Throws<ExportFolderException>(() => BotFolder.Open(folder, "st-1", KoreExportFormat.Csv, null)).Message, StringComparison.Ordinal);
        using (var first = BotFolder.Open(folder, "st-1", KoreExportFormat.Csv, From))
        {
            first.Append("sessions/2026-11-27.csv", Encoding.UTF8.GetBytes("\"Header\"\n"), [Line("a")]);
            first.Commit(_ => { });
        }

        Assert.Contains("-Format Csv", Assert.Throws<ExportFolderException>(() => BotFolder.Open(folder, "st-1", KoreExportFormat.JsonLines, null)).Message, StringComparison.Ordinal);
        Assert.Contains("belongs to bot st-1", Assert.Throws<ExportFolderException>(() => BotFolder.Open(folder, "st-2", KoreExportFormat.Csv, null)).Message, StringComparison.Ordinal);
        File.WriteAllText(Path.Combine(folder, "sessions/2026-11-27.csv"), "\"Header\"\n");
        Assert.Contains("shorter than the", Assert.Throws<ExportFolderException>(() => BotFolder.Open(folder, "st-1", KoreExportFormat.Csv, null)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Files_of_days_the_export_has_left_are_no_longer_listed_and_one_that_gets_a_record_again_is_listed_first()
    {
        using var export = BotFolder.Open(folder, "st-1", KoreExportFormat.JsonLines, From);
        export.Append("messages/2026-11-27.jsonl", [], [Line("a")]);
        export.Commit(state => state.Messages = new KoreReadCheckpoint(new DateTime(2026, 11, 29, 12, 0, 0, DateTimeKind.Utc)));
        Assert.Contains("messages/2026-11-27.jsonl", export.State.Files.Keys);
        export.Commit(state => state.Sessions = new KoreReadCheckpoint(new DateTime(2026, 11, 30, 0, 0, 0, DateTimeKind.Utc)));
        Assert.DoesNotContain("messages/2026-11-27.jsonl", export.State.Files.Keys);

        export.Append("messages/2026-11-27.jsonl", [], [Line("late")]);
        Assert.Equal(11, BotFolder.ReadCheckpoint(folder)!.Files["messages/2026-11-27.jsonl"]);
    }

    [Fact]
    public void A_second_run_on_a_locked_folder_is_refused_and_the_lock_is_free_again_once_the_first_ends()
    {
        Directory.CreateDirectory(folder);
        using (ExportLock.Acquire(folder))
        {
            var refused = Assert.Throws<ExportLockedException>(() => ExportLock.Acquire(folder));
            Assert.Contains($"process {Environment.ProcessId}", refused.Message, StringComparison.Ordinal);
        }

        // The file stays behind, as after a killed run: it does not block.
        Assert.True(File.Exists(Path.Combine(folder, ExportLock.FileName)));
        using var again = ExportLock.Acquire(folder);
    }

    [Fact]
    public void Csv_lines_quote_every_value_keep_line_breaks_inside_quotes_and_write_times_as_iso_utc()
    {
        var lines = new CsvLines<Row>();
        Assert.Equal("\"Text\",\"Time\",\"End\",\"Flag\",\"Count\"" + Environment.NewLine, Encoding.UTF8.GetString(lines.Header));
        var row = new Row { Text = "say \"hi\"\nline two", Time = new DateTime(2026, 11, 29, 8, 30, 0, 250, DateTimeKind.Utc), End = null, Flag = true, Count = 1234 };
        Assert.Equal(
            "\"say \"\"hi\"\"\nline two\",\"2026-11-29T08:30:00.250Z\",\"\",\"True\",\"1234\"" + Environment.NewLine,
            Encoding.UTF8.GetString(lines.Line(row)));
        Assert.Equal(
            ["MessageId", "SessionId", "BotId", "UserId", "Direction", "Time", "Channel", "Status", "Language", "Text", "ContentTypes", "MessageTags", "UserTags", "SessionTags", "TraceId", "Components"],
            CsvLines<KoreMessage>.ColumnNames);
    }

    [Fact]
    public void Json_lines_keep_the_api_s_json_on_one_line()
    {
        var lines = new JsonLines<string>(json => json);
        Assert.Equal("{ \"a\": 1,   \"b\": \"x\\ny\" }\n", Encoding.UTF8.GetString(lines.Line("{ \"a\": 1,\r\n \"b\": \"x\\ny\" }")));
    }

    // Kore.ai: 60 a minute while the rolling hour has room, so an hour's 1,800 requests go in its first 30 minutes,
    // then none until they leave the hour window. A 1,000,000-message backfill (about 10,180 requests) takes 5 h 20 min.
    [Theory]
    [InlineData(0, 0, 0)]
    [InlineData(60, 0, 60)]
    [InlineData(1800, 0, 1800)]
    [InlineData(1801, 0, 3601)]
    [InlineData(3600, 0, 3600 + 1800)]
    [InlineData(10_180, 0, (5 * 3600) + 1180)]
    [InlineData(100, 1800, 3600 + 100 - 1800)]
    public void The_eta_at_kore_s_limits_is_a_second_a_request_while_the_rolling_hour_has_room_then_a_wait_until_it_frees(long requests, int usedThisHour, double seconds) =>
        Assert.Equal(seconds, RateLimitEta.Of(requests, 60, TimeSpan.FromMinutes(1), 1800, TimeSpan.FromHours(1), usedThisHour).TotalSeconds, precision: 6);

    [Fact]
    public void Where_the_hour_limit_never_binds_the_eta_is_the_minute_rate_alone() =>
        Assert.Equal(100, RateLimitEta.Of(10_000, 6000, TimeSpan.FromMinutes(1), 1_000_000, TimeSpan.FromHours(1), 0).TotalSeconds, precision: 6);

    private static byte[] Line(string id) => Encoding.UTF8.GetBytes("{\"id\":\"" + id + "\"}\n");

    private sealed class Row
    {
        public string Text { get; set; } = "";

        public DateTime Time { get; set; }

        public DateTime? End { get; set; }

        public bool Flag { get; set; }

        public int Count { get; set; }
    }
}
