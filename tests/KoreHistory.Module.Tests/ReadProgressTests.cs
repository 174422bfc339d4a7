using KoreHistory.Client;
using KoreHistory.Reading;

namespace KoreHistory.ModuleTests;

/// What the progress bar says: counts over every read of a command, a wait while it runs, and the whole when known.
public sealed class ReadProgressTests
{
    private static readonly DateTime Now = new(2026, 5, 1, 8, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void A_single_read_shows_items_of_the_total_and_requests_with_a_percentage()
    {
        var progress = new ReadProgress("messages");
        WriteItems(progress, 200);
        progress.RequestEnded();
        progress.RequestEnded();

        var snapshot = progress.Snapshot(Now, 429);

        Assert.Equal("200 of 429 messages · 2 requests", snapshot.Status);
        Assert.Equal(46, snapshot.PercentComplete);
        Assert.Null(snapshot.SecondsRemaining);
    }

    [Fact]
    public void Without_a_total_there_is_no_percentage()
    {
        var progress = new ReadProgress("sessions");
        progress.RequestEnded();

        var snapshot = progress.Snapshot(Now, null);

        Assert.Equal("0 sessions · 1 request", snapshot.Status);
        Assert.Null(snapshot.PercentComplete);
    }

    [Fact]
    public void A_piped_export_counts_sessions_done_of_sessions_piped_so_far_over_every_batch()
    {
        var progress = new ReadProgress("messages");
        progress.SessionsReceived(50);
        WriteItems(progress, 1_234);
        progress.SessionsRead(50);
        progress.SessionsReceived(30);
        for (var i = 0; i < 13; i++)
        {
            progress.RequestEnded();
        }

        var snapshot = progress.Snapshot(Now, 99);

        Assert.Equal("50 of 80 sessions piped so far · 1,234 messages · 13 requests", snapshot.Status);
        Assert.Equal(62, snapshot.PercentComplete);
    }

    [Fact]
    public void A_wait_of_a_second_or_more_leads_the_status_and_counts_down_until_it_ends()
    {
        var progress = new ReadProgress("messages");
        progress.WaitStarted(new KoreWait(TimeSpan.FromSeconds(42), "the rate-limit budget of st-1 is in use"), Now);

        var atStart = progress.Snapshot(Now, null);
        var later = progress.Snapshot(Now.AddSeconds(30.5), null);
        var after = progress.Snapshot(Now.AddSeconds(42), null);

        Assert.Equal("Waiting 42 s: the rate-limit budget of st-1 is in use · 0 messages · 0 requests", atStart.Status);
        Assert.Equal(42, atStart.SecondsRemaining);
        Assert.Equal(12, later.SecondsRemaining);
        Assert.StartsWith("Waiting 12 s:", later.Status, StringComparison.Ordinal);
        Assert.Null(after.SecondsRemaining);
        Assert.False(progress.IsWaiting(Now.AddSeconds(42)));
    }

    [Fact]
    public void A_wait_under_a_second_is_not_shown()
    {
        var progress = new ReadProgress("messages");
        progress.WaitStarted(new KoreWait(TimeSpan.FromMilliseconds(900), "retrying after HTTP 503"), Now);

        Assert.False(progress.IsWaiting(Now));
        Assert.Null(progress.Snapshot(Now, null).SecondsRemaining);
    }

    private static void WriteItems(ReadProgress progress, int count)
    {
        for (var i = 0; i < count; i++)
        {
            progress.ItemWritten();
        }
    }
}
