namespace KoreHistory.Client;

// A page sorted against what its series has handed over: the records that are new, how many were already handed
// over, and whether the page shows that the window moved under the read (see SeriesLedger).
internal sealed class PageAdmission<T>
{
    public PageAdmission(IReadOnlyList<T> fresh, int duplicates, bool shifted)
    {
        Fresh = fresh;
        Duplicates = duplicates;
        Shifted = shifted;
    }

    public IReadOnlyList<T> Fresh { get; }

    public int Duplicates { get; }

    public bool Shifted { get; }
}
