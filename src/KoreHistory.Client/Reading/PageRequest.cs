namespace KoreHistory.Client;

// A page a PagedReader asks for: of the series at SeriesIndex in its plan (asking for Series.Limit records), at Skip.
// IsFirst: the series' first page, the one that tells its total.
internal sealed class PageRequest
{
    public PageRequest(int seriesIndex, PageSeries series, int skip, bool isFirst)
    {
        SeriesIndex = seriesIndex;
        Series = series;
        Skip = skip;
        IsFirst = isFirst;
    }

    public int SeriesIndex { get; }

    public PageSeries Series { get; }

    public int Skip { get; }

    public bool IsFirst { get; }
}
