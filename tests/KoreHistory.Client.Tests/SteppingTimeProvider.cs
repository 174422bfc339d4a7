using Microsoft.Extensions.Time.Testing;

namespace KoreHistory.Client.Tests;

// A fake clock whose waits pass at once: a timer (a Delay) moves the time on by its due time as it is made.
// OnDelay, when set, runs once, just before the next wait passes.
internal sealed class SteppingTimeProvider : FakeTimeProvider
{
    private readonly DateTimeOffset start;
    private Action? onDelay;

    public SteppingTimeProvider()
    {
        start = GetUtcNow();
    }

    public Action? OnDelay
    {
        get => Volatile.Read(ref onDelay);
        set => Volatile.Write(ref onDelay, value);
    }

    // The time passed since the clock was made.
    public TimeSpan Now => GetUtcNow() - start;

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = base.CreateTimer(callback, state, dueTime, period);
        Interlocked.Exchange(ref onDelay, null)?.Invoke();
        if (dueTime > TimeSpan.Zero && dueTime != Timeout.InfiniteTimeSpan)
        {
            Advance(dueTime);
        }

        return timer;
    }
}
