namespace KoreHistory.Emulator;

/// SplitMix64: a tiny, fast generator whose output is fixed by its seed on every runtime,
/// so the generated history is identical across machines and .NET versions.
internal struct Prng
{
    private ulong state;

    public Prng(ulong seed) => state = seed;

    public static ulong Mix(ulong a, ulong b = 0, ulong c = 0, ulong d = 0)
    {
        var p = new Prng(a);
        ulong h = p.NextULong();
        h = new Prng(h ^ b).NextULong();
        h = new Prng(h ^ c).NextULong();
        return new Prng(h ^ d).NextULong();
    }

    public ulong NextULong()
    {
        ulong z = state += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    public double NextDouble() => (NextULong() >> 11) * (1.0 / (1UL << 53));

    /// Uniform in [0, max).
    public int Next(int max) => max <= 0 ? 0 : (int)(NextULong() % (ulong)max);

    public bool Chance(double probability) => NextDouble() < probability;

    public T Pick<T>(IReadOnlyList<T> items) => items[Next(items.Count)];
}
