namespace KoreHistory.Client;

// The API kept answering "rate limit reached" until the retry budget ran out.
public sealed class KoreRateLimitException : KoreException
{
    public KoreRateLimitException(string message, KoreErrorDetails? details = null, TimeSpan? retryAfter = null)
        : base(Describe(message, details), details, null)
    {
        RetryAfter = retryAfter;
    }

    public TimeSpan? RetryAfter { get; }
}
