namespace KoreHistory.Client;

// Timeouts, dropped connections, and 5xx answers that outlived the retries.
public sealed class KoreTransportException : KoreException
{
    public KoreTransportException(string message, KoreErrorDetails? details = null, Exception? innerException = null)
        : base(Describe(message, details), details, innerException)
    {
    }
}
