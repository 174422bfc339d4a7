namespace KoreHistory.Client.Tests;

public sealed class PacingTests
{
    [Fact]
    public async Task No_rolling_window_ever_holds_more_than_its_limit()
    {
        var clock = new SteppingTimeProvider();
        var minute = TimeSpan.FromSeconds(60);
        var hour = TimeSpan.FromHours(1);
        var pacer = new RollingWindowPacer(clock, (60, minute), (1800, hour));
        var stamps = new List<TimeSpan>();

        for (var i = 0; i < 2000; i++)
        {
            var slot = await pacer.AcquireAsync(CancellationToken.None);
            stamps.Add(clock.Now);
            clock.Advance(TimeSpan.FromMilliseconds(40));
            slot.Complete();
        }

        AssertWithinLimit(stamps, minute, 60);
        AssertWithinLimit(stamps, hour, 1800);
    }

    [Fact]
    public async Task The_61st_request_waits_until_the_first_leaves_the_minute()
    {
        var clock = new SteppingTimeProvider();
        var pacer = new RollingWindowPacer(clock, (60, TimeSpan.FromMinutes(1)), (1800, TimeSpan.FromHours(1)));
        for (var i = 0; i < 60; i++)
        {
            (await pacer.AcquireAsync(CancellationToken.None)).Complete();
        }

        await pacer.AcquireAsync(CancellationToken.None);

        Assert.InRange(clock.Now, TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(1) + TimeSpan.FromMilliseconds(50));
    }

    [Fact]
    public async Task The_hourly_budget_holds_even_when_every_minute_is_clear()
    {
        var clock = new SteppingTimeProvider();
        var pacer = new RollingWindowPacer(clock, (60, TimeSpan.FromMinutes(1)), (100, TimeSpan.FromHours(1)));
        for (var i = 0; i < 100; i++)
        {
            (await pacer.AcquireAsync(CancellationToken.None)).Complete();
            clock.Advance(TimeSpan.FromMinutes(1));
        }

        var before = clock.Now;
        await pacer.AcquireAsync(CancellationToken.None);

        // The first of the 100 was at 0: the 101st fits only once it has left the hour.
        Assert.True(clock.Now >= TimeSpan.FromHours(1), $"acquired at {clock.Now}, before {before}");
    }

    [Fact]
    public async Task A_wait_of_a_second_or_more_is_announced_before_it_starts()
    {
        var clock = new SteppingTimeProvider();
        var pacer = new RollingWindowPacer(clock, (2, TimeSpan.FromSeconds(10)));
        var announced = new List<(TimeSpan At, TimeSpan Wait)>();
        for (var i = 0; i < 3; i++)
        {
            (await pacer.AcquireAsync(CancellationToken.None, wait => announced.Add((clock.Now, wait)))).Complete();
        }

        var (at, wait) = Assert.Single(announced);
        Assert.Equal(TimeSpan.Zero, at);
        Assert.InRange(wait, TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(10.1));
    }

    [Fact]
    public async Task A_slot_counts_from_when_its_response_ended()
    {
        var clock = new SteppingTimeProvider();
        var pacer = new RollingWindowPacer(clock, (1, TimeSpan.FromSeconds(10)));
        var slot = await pacer.AcquireAsync(CancellationToken.None);
        clock.Advance(TimeSpan.FromSeconds(3));
        slot.Complete();

        await pacer.AcquireAsync(CancellationToken.None);

        Assert.True(clock.Now >= TimeSpan.FromSeconds(13));
    }

    [Fact]
    public async Task Waiting_for_a_slot_is_cancellable()
    {
        var pacer = new RollingWindowPacer(TimeProvider.System, (1, TimeSpan.FromHours(1)));
        (await pacer.AcquireAsync(CancellationToken.None)).Complete();
        using var cancellation = new CancellationTokenSource(TimeSpan.FromMilliseconds(50));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => pacer.AcquireAsync(cancellation.Token));
    }

    private static void AssertWithinLimit(List<TimeSpan> stamps, TimeSpan window, int limit)
    {
        var start = 0;
        for (var end = 0; end < stamps.Count; end++)
        {
            while (stamps[end] - stamps[start] >= window)
            {
                start++;
            }

            Assert.True(end - start + 1 <= limit, $"{end - start + 1} requests within {window} ending at {stamps[end]}");
        }
    }
}
