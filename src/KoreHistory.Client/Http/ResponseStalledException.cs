namespace KoreHistory.Client;

// A response whose body stopped coming: no byte for the connection's StallTimeout. Retried like a timeout.
internal sealed class ResponseStalledException : Exception
{
    public ResponseStalledException(TimeSpan stallTimeout)
        : base($"no byte of the response for {stallTimeout.TotalSeconds.ToString("0.###", System.Globalization.CultureInfo.InvariantCulture)} s")
    {
    }
}
