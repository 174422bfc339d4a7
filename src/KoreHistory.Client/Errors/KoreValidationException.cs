namespace KoreHistory.Client;

/// <summary>Bad input caught before any request (StatusCode null) or the server's 412 "Invalid arguments".</summary>
public sealed class KoreValidationException : KoreException
{
    /// <summary>Input refused; <paramref name="parameterName"/> names the setting or query property at fault.</summary>
    public KoreValidationException(string message, string? parameterName = null, KoreErrorDetails? details = null)
        : base(Describe(message, details), details, null)
    {
        ParameterName = parameterName;
    }

    /// <summary>The setting or query property at fault (as the cmdlets name their parameters), when one is.</summary>
    public string? ParameterName { get; }
}
