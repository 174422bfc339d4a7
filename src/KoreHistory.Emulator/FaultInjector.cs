namespace KoreHistory.Emulator;

/// Decides, per API request, whether to misbehave. FailNext(n, kind) takes precedence; otherwise a Random seeded
/// from the emulator seed fails a fraction Rate of requests with a kind drawn from Kinds. Settable while running.
public sealed class FaultInjector
{
    private static readonly FaultKind[] TransientErrors = [FaultKind.ServerError500, FaultKind.BadGateway502, FaultKind.ServiceUnavailable503];
    private readonly object _sync = new();
    private readonly Queue<FaultKind> _next = new();
    private readonly Prng _seedSource;
    private Prng _random;
    private double _rate;
    private FaultKind[] _kinds;

    internal FaultInjector(int seed, double rate, IEnumerable<FaultKind> kinds)
    {
        _seedSource = new Prng(Prng.Mix((ulong)seed, 500));
        _random = _seedSource;
        _rate = rate;
        _kinds = kinds.ToArray();
    }

    /// Fraction (0..1) of requests that fail at random.
    public double Rate
    {
        get { lock (_sync) return _rate; }
        set
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(value, 0);
            ArgumentOutOfRangeException.ThrowIfGreaterThan(value, 1);
            lock (_sync) _rate = value;
        }
    }

    /// The kinds random faults are drawn from; empty means 500, 502 and 503.
    public IReadOnlyList<FaultKind> Kinds
    {
        get { lock (_sync) return _kinds; }
        set
        {
            ArgumentNullException.ThrowIfNull(value);
            lock (_sync) _kinds = value.ToArray();
        }
    }

    /// Faults still queued by FailNext.
    public int Pending { get { lock (_sync) return _next.Count; } }

    /// The next `count` API requests fail with `kind`, before any random fault.
    public void FailNext(int count, FaultKind kind)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        lock (_sync)
            for (var i = 0; i < count; i++) _next.Enqueue(kind);
    }

    /// Drops queued faults, sets Rate to 0 and restarts the seeded sequence.
    public void Clear()
    {
        lock (_sync)
        {
            _next.Clear();
            _rate = 0;
            _random = _seedSource;
        }
    }

    internal FaultKind? Next()
    {
        lock (_sync)
        {
            if (_next.Count > 0) return _next.Dequeue();
            if (_rate <= 0) return null;
            var roll = _random.NextDouble();
            var kinds = _kinds.Length > 0 ? _kinds : TransientErrors;
            var kind = kinds[_random.Next(kinds.Length)];
            return roll < _rate ? kind : null;
        }
    }
}
