namespace KoreHistory.Emulator;

/// Decides, per API request, whether to misbehave. FailNext(n, kind) takes precedence; otherwise a Random seeded
/// from the emulator seed fails a fraction Rate of requests with a kind drawn from Kinds. Settable while running.
public sealed class FaultInjector
{
    private static readonly FaultKind[] TransientErrors = [FaultKind.ServerError500, FaultKind.BadGateway502, FaultKind.ServiceUnavailable503];
    private readonly object sync = new();
    private readonly Queue<FaultKind> next = new();
    private readonly Prng seedSource;
    private Prng random;
    private double rate;
    private FaultKind[] kinds;

    internal FaultInjector(int seed, double rate, IEnumerable<FaultKind> kinds)
    {
        seedSource = new Prng(Prng.Mix((ulong)seed, 500));
        random = seedSource;
        this.rate = rate;
        this.kinds = kinds.ToArray();
    }

    /// Fraction (0..1) of requests that fail at random.
    public double Rate
    {
        get { lock (sync) return rate; }
        set
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(value, 0);
            ArgumentOutOfRangeException.ThrowIfGreaterThan(value, 1);
            lock (sync) rate = value;
        }
    }

    /// The kinds random faults are drawn from; empty means 500, 502 and 503.
    public IReadOnlyList<FaultKind> Kinds
    {
        get { lock (sync) return kinds; }
        set
        {
            ArgumentNullException.ThrowIfNull(value);
            lock (sync) kinds = value.ToArray();
        }
    }

    /// Faults still queued by FailNext.
    public int Pending { get { lock (sync) return next.Count; } }

    /// The next `count` API requests fail with `kind`, before any random fault.
    public void FailNext(int count, FaultKind kind)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        lock (sync)
            for (var i = 0; i < count; i++) next.Enqueue(kind);
    }

    /// Drops queued faults, sets Rate to 0 and restarts the seeded sequence.
    public void Clear()
    {
        lock (sync)
        {
            next.Clear();
            rate = 0;
            random = seedSource;
        }
    }

    internal FaultKind? Next()
    {
        lock (sync)
        {
            if (next.Count > 0) return next.Dequeue();
            if (rate <= 0) return null;
            var roll = random.NextDouble();
            var pool = kinds.Length > 0 ? kinds : TransientErrors;
            var kind = pool[random.Next(pool.Length)];
            return roll < rate ? kind : null;
        }
    }
}
