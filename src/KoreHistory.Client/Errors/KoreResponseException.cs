namespace KoreHistory.Client;

// A body that is not the JSON the API documents: an HTML page, a truncated document, a wrong shape.
public sealed class KoreResponseException : KoreException
{
    public KoreResponseException(string message, KoreErrorDetails? details = null, Exception? innerException = null)
        : base(Describe(message, details), details, innerException)
    {
    }
}
