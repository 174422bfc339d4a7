namespace KoreHistory.Client;

/// <summary>A body that is not the JSON the API documents: an HTML page, a truncated document, a wrong shape.</summary>
public sealed class KoreResponseException : KoreException
{
    /// <summary>An answer the engine cannot use.</summary>
    public KoreResponseException(string message, KoreErrorDetails? details = null, Exception? innerException = null)
        : base(Describe(message, details), details, innerException)
    {
    }
}
