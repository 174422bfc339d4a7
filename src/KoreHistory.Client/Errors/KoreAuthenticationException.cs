namespace KoreHistory.Client;

// 401/403 from the API (bad credentials, missing scope, JTI replay) or an expired ready-made token.
public sealed class KoreAuthenticationException : KoreException
{
    public KoreAuthenticationException(string message, KoreErrorDetails? details = null, Exception? innerException = null)
        : base(Describe(message, details), details, innerException)
    {
    }
}
