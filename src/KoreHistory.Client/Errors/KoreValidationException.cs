namespace KoreHistory.Client;

// Bad input caught before any request (StatusCode null) or the server's 412 "Invalid arguments".
public sealed class KoreValidationException : KoreException
{
    public KoreValidationException(string message, string? parameterName = null, KoreErrorDetails? details = null)
        : base(Describe(message, details), details, null)
    {
        ParameterName = parameterName;
    }

    public string? ParameterName { get; }
}
