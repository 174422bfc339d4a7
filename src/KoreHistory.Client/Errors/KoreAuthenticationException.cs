namespace KoreHistory.Client;

/// <summary>401/403 from the API (bad credentials, missing scope, JTI replay) or an expired ready-made token.</summary>
public sealed class KoreAuthenticationException : KoreException
{
    /// <summary>An authentication failure; <paramref name="details"/> describe the request, when one was made.</summary>
    public KoreAuthenticationException(string message, KoreErrorDetails? details = null, Exception? innerException = null)
        : base(Describe(message, details), details, innerException)
    {
    }
}
