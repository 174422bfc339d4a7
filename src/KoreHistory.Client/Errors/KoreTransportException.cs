namespace KoreHistory.Client;

/// <summary>Timeouts, dropped connections, and 5xx answers that outlived the retries.</summary>
public sealed class KoreTransportException : KoreException
{
    /// <summary>A request that could not be completed.</summary>
    public KoreTransportException(string message, KoreErrorDetails? details = null, Exception? innerException = null)
        : base(Describe(message, details), details, innerException)
    {
    }
}
