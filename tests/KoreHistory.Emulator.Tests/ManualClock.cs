namespace KoreHistory.Emulator.Tests;

/// A clock that only moves when the test says so (millisecond timestamps).
internal sealed class ManualClock : TimeProvider
{
    private long milliseconds = 1_000_000;

    public override long TimestampFrequency => 1000;
    public override long GetTimestamp() => Interlocked.Read(ref milliseconds);
    public void Advance(TimeSpan by) => Interlocked.Add(ref milliseconds, (long)by.TotalMilliseconds);
}
