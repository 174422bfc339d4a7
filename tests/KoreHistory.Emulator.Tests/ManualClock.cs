namespace KoreHistory.Emulator.Tests;

/// A clock that only moves when the test says so (millisecond timestamps).
internal sealed class ManualClock : TimeProvider
{
    private long _milliseconds = 1_000_000;

    public override long TimestampFrequency => 1000;
    public override long GetTimestamp() => Interlocked.Read(ref _milliseconds);
    public void Advance(TimeSpan by) => Interlocked.Add(ref _milliseconds, (long)by.TotalMilliseconds);
}
