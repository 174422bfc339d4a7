using Microsoft.Extensions.Time.Testing;

namespace KoreHistory.Client.Tests;

public sealed class BatcherTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Now = new(2026, 11, 21, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Fifty_sessions_make_one_ready_query_spanning_them()
    {
        var batcher = new KoreSessionBatcher(null, new FakeTimeProvider(Now));
        KoreMessageQuery? ready = null;
        for (var i = 0; i < 50; i++)
        {
            Assert.Null(ready);
            ready = batcher.Add($"s{i}", Start.AddMinutes(i), Start.AddMinutes(i).AddSeconds(30));
        }

        Assert.NotNull(ready);
        Assert.True(ready.SpansKnown);
        Assert.Equal(50, ready.SessionIds!.Count);
        // Issue 11: from an hour before the first start, stretched to one API window (messages lie outside the spans).
        Assert.Equal(Start.AddHours(-1), ready.From);
        Assert.Equal(Start.AddHours(-1) + DateWindows.MaxLength, ready.To);
        Assert.Empty(batcher.Flush());
    }

    [Fact]
    public void The_fifty_first_session_starts_the_next_batch()
    {
        var batcher = new KoreSessionBatcher(null, new FakeTimeProvider(Now));
        var ready = Enumerable.Range(0, 51).Select(i => batcher.Add($"s{i}", Start.AddMinutes(i), Start.AddMinutes(i))).Where(q => q is not null).ToList();
        var rest = batcher.Flush();

        Assert.Single(ready);
        Assert.Single(rest);
        Assert.Equal(new[] { "s50" }, rest[0].SessionIds);
    }

    [Fact]
    public void A_session_that_would_stretch_the_window_to_seven_days_starts_a_new_batch()
    {
        var batcher = new KoreSessionBatcher(null, new FakeTimeProvider(Now));

        Assert.Null(batcher.Add("a", Start, Start.AddHours(1)));
        var ready = batcher.Add("b", Start.AddDays(7), Start.AddDays(7).AddMinutes(1));

        Assert.NotNull(ready);
        Assert.Equal(new[] { "a" }, ready.SessionIds);
        Assert.Equal(new[] { "b" }, Assert.Single(batcher.Flush()).SessionIds);
    }

    [Fact]
    public void Sessions_without_a_known_start_are_batched_apart_without_dates()
    {
        var batcher = new KoreSessionBatcher(new KoreMessageQuery { ChannelType = "rtm", OldestFirst = true }, new FakeTimeProvider(Now));
        batcher.Add("spanned", Start, Start.AddMinutes(5));
        batcher.Add(new KoreSessionSpan("unknown"));

        var rest = batcher.Flush();

        Assert.Equal(2, rest.Count);
        var unknown = rest.Single(q => q.SessionIds![0] == "unknown");
        Assert.False(unknown.SpansKnown);
        Assert.Null(unknown.From);
        Assert.Null(unknown.To);
        Assert.All(rest, q => Assert.Equal("rtm", q.ChannelType));
        Assert.All(rest, q => Assert.True(q.OldestFirst));
    }

    [Fact]
    public void A_template_date_range_narrows_each_batch_and_drops_batches_outside_it()
    {
        var batcher = new KoreSessionBatcher(new KoreMessageQuery { From = Start.AddMinutes(2), To = Start.AddDays(1) }, new FakeTimeProvider(Now));
        batcher.Add("inside", Start, Start.AddMinutes(10));
        var ready = batcher.Add("later", Start.AddDays(8), Start.AddDays(8).AddMinutes(1));

        Assert.NotNull(ready);
        Assert.Equal(Start.AddMinutes(2), ready.From);
        // Issue 11: the batch's window (stretched past the session's end) is narrowed to the template's To.
        Assert.Equal(Start.AddDays(1), ready.To);
        Assert.Empty(batcher.Flush());
    }

    [Fact]
    public void An_active_session_without_an_end_spans_up_to_now()
    {
        var batcher = new KoreSessionBatcher(null, new FakeTimeProvider(Now));
        batcher.Add("active", Now.AddHours(-1), null);

        var query = Assert.Single(batcher.Flush());

        // Issue 11: an hour past its last known moment (now), as for any session's end.
        Assert.Equal(Now.AddMilliseconds(1).AddHours(1), query.To);
    }

    [Fact]
    public void A_duplicate_id_is_sent_once()
    {
        var batcher = new KoreSessionBatcher(null, new FakeTimeProvider(Now));
        batcher.Add("a", Start, Start.AddMinutes(1));
        batcher.Add("a", Start, Start.AddMinutes(1));

        Assert.Equal(new[] { "a" }, Assert.Single(batcher.Flush()).SessionIds);
    }

    [Fact]
    public void Grouping_known_spans_keeps_every_batch_within_fifty_ids_and_one_window()
    {
        var spans = Enumerable.Range(0, 1000).Select(i => new KoreSessionSpan($"s{i}", Start.AddMinutes(i * 30), Start.AddMinutes((i * 30) + 20))).ToList();

        var batches = SpanBatch.Group(spans.Select(s => (s, (string?)null)), Now, oldestFirst: false);

        Assert.Equal(20, batches.Count);
        Assert.All(batches, b => Assert.True(b.Count <= 50 && b.WindowUntil(Now).Length <= DateWindows.MaxLength));
        Assert.Equal(1000, batches.Sum(b => b.Count));
        Assert.Equal("s999", batches[0].Ids[0]);
    }
}
