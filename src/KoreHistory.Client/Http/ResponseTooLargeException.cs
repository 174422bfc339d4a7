namespace KoreHistory.Client;

// A response past the size cap (on the wire or decompressed): no real page is that large, so it is not retried.
internal sealed class ResponseTooLargeException : Exception
{
    public ResponseTooLargeException(long limit, bool compressed)
        : base($"the response was cut at {limit / (1024 * 1024)} MB{(compressed ? " of compressed data" : "")}, more than any real page holds")
    {
    }
}
