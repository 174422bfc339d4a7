namespace KoreHistory.Client.Tests;

// Concurrent requests share one pacer per bot; a request still in flight has not been counted by the server yet,
// so it keeps its place in the windows until its response ends.
public sealed class ConcurrentPacingTests
{
    [Fact]
    public async Task A_request_still_in_flight_keeps_its_place_in_the_window()
    {
        var clock = new SteppingTimeProvider();
        var pacer = new RollingWindowPacer(clock, (3, TimeSpan.FromMinutes(1)), (100, TimeSpan.FromHours(1)));
        var inFlight = new List<PacingSlot>();
        for (var i = 0; i < 3; i++)
        {
            inFlight.Add(await pacer.AcquireAsync(CancellationToken.None));
        }

        // Two minutes pass with the three responses still outstanding; they end during the fourth request's wait.
        clock.Advance(TimeSpan.FromMinutes(2));
        clock.OnDelay = () => inFlight.ForEach(slot => slot.Complete());
        await pacer.AcquireAsync(CancellationToken.None);

        Assert.True(clock.Now >= TimeSpan.FromMinutes(3), $"the fourth request went at {clock.Now}, while three were not yet counted");
    }

    [Fact]
    public async Task Parallel_acquisitions_never_put_more_than_the_limit_in_a_window()
    {
        var clock = new SteppingTimeProvider();
        var minute = TimeSpan.FromMinutes(1);
        var pacer = new RollingWindowPacer(clock, (10, minute), (1000, TimeSpan.FromHours(1)));
        var stamps = new List<TimeSpan>();

        await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(async () =>
        {
            for (var i = 0; i < 10; i++)
            {
                var slot = await pacer.AcquireAsync(CancellationToken.None);
                lock (stamps)
                {
                    stamps.Add(clock.Now);
                }

                slot.Complete();
            }
        })));

        Assert.Equal(80, stamps.Count);
        var sorted = stamps.Order().ToList();
        for (var i = 10; i < sorted.Count; i++)
        {
            Assert.True(sorted[i] - sorted[i - 10] >= minute, $"11 requests within {sorted[i] - sorted[i - 10]}");
        }
    }
}
