namespace KoreHistory.Client;

/// <summary>The API kept answering "rate limit reached" until the retry budget ran out.</summary>
public sealed class KoreRateLimitException : KoreException
{
    /// <summary>A rate limit that outlived the retries; <paramref name="retryAfter"/> is the server's last Retry-After.</summary>
    public KoreRateLimitException(string message, KoreErrorDetails? details = null, TimeSpan? retryAfter = null)
        : base(Describe(message, details), details, null)
    {
        RetryAfter = retryAfter;
    }

    /// <summary>The wait the server last asked for; null when it gave none.</summary>
    public TimeSpan? RetryAfter { get; }
}
