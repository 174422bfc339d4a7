namespace KoreHistory.Client.Tests;

public sealed class DateWindowsTests
{
    private static readonly DateTimeOffset End = new(2026, 11, 21, 13, 59, 0, 123, TimeSpan.Zero);

    public static TheoryData<double> RangeHours => new() { 1, 7 * 24, 8 * 24, 30 * 24, 90 * 24, (7 * 24) - (1 / 3600_000.0) };

    [Theory]
    [MemberData(nameof(RangeHours))]
    public void Windows_cover_the_range_without_gap_or_overlap_newest_first(double hours)
    {
        var range = new DateWindow(End - TimeSpan.FromHours(hours), End);

        var windows = DateWindows.Split(range, oldestFirst: false);

        Assert.Equal(range.To, windows[0].To);
        Assert.Equal(range.From, windows[^1].From);
        for (var i = 1; i < windows.Count; i++)
        {
            Assert.Equal(windows[i - 1].From, windows[i].To);
        }

        Assert.All(windows, w => Assert.True(w.Length > TimeSpan.Zero && w.Length < TimeSpan.FromDays(7)));
        Assert.Equal((int)Math.Ceiling(range.Length.Ticks / (double)DateWindows.MaxLength.Ticks), windows.Count);
    }

    [Theory]
    [MemberData(nameof(RangeHours))]
    public void Windows_walk_oldest_first_when_forward(double hours)
    {
        var range = new DateWindow(End - TimeSpan.FromHours(hours), End);

        var windows = DateWindows.Split(range, oldestFirst: true);

        Assert.Equal(range.From, windows[0].From);
        Assert.Equal(range.To, windows[^1].To);
        for (var i = 1; i < windows.Count; i++)
        {
            Assert.Equal(windows[i - 1].To, windows[i].From);
        }

        Assert.All(windows, w => Assert.True(w.Length <= DateWindows.MaxLength));
    }

    [Fact]
    public void Seven_days_exactly_needs_two_windows_because_the_api_refuses_seven_days()
    {
        var windows = DateWindows.Split(new DateWindow(End - TimeSpan.FromDays(7), End), oldestFirst: true);

        Assert.Equal(2, windows.Count);
        Assert.Equal(TimeSpan.FromDays(7) - TimeSpan.FromMilliseconds(1), windows[0].Length);
        Assert.Equal(TimeSpan.FromMilliseconds(1), windows[1].Length);
    }

    [Fact]
    public void No_range_means_the_last_seven_days_up_to_the_pinned_now_in_one_window()
    {
        var range = DateWindows.Range(null, null, End);

        Assert.Equal(End, range.To);
        Assert.Equal(DateWindows.MaxLength, range.Length);
        Assert.Single(DateWindows.Split(range, oldestFirst: false));
    }

    [Fact]
    public void Boundaries_are_whole_milliseconds_in_utc()
    {
        var from = new DateTimeOffset(2026, 1, 1, 10, 0, 0, TimeSpan.FromHours(2)).AddTicks(7);
        var range = DateWindows.Range(from, from.AddDays(1), End);

        Assert.Equal("[2026-01-01T08:00:00.000Z, 2026-01-02T08:00:00.000Z)", range.ToString());
    }

    [Fact]
    public void An_empty_range_yields_no_window()
    {
        Assert.Empty(DateWindows.Split(new DateWindow(End, End), oldestFirst: false));
    }
}
