namespace KoreHistory.Client;

// What travels with one logical request through the handlers (and into each attempt's copy).
internal sealed class RequestState
{
    public const string PropertyKey = "KoreHistory.RequestState";

    public RequestState(string paceKey, KoreReadOptions? options, string? bodyText)
    {
        PaceKey = paceKey;
        Options = options;
        BodyText = bodyText;
    }

    public string PaceKey { get; }

    public KoreReadOptions? Options { get; }

    public string? BodyText { get; }

    private int attempts;

    public int NextAttempt() => Interlocked.Increment(ref attempts);

    public int Attempts => Volatile.Read(ref attempts);

    public static RequestState Of(HttpRequestMessage request) =>
        request.Properties.TryGetValue(PropertyKey, out var value) && value is RequestState state
            ? state
            : throw new InvalidOperationException("A request reached the Kore pipeline without its state.");

    public static HttpRequestMessage CopyOf(HttpRequestMessage original, byte[]? body)
    {
        var copy = new HttpRequestMessage(original.Method, original.RequestUri) { Version = original.Version };
        foreach (var header in original.Headers)
        {
            copy.Headers.TryAddWithoutValidation(header.Key, header.Value);
        }

        if (body is not null)
        {
            copy.Content = new ByteArrayContent(body);
            if (original.Content is not null)
            {
                foreach (var header in original.Content.Headers)
                {
                    copy.Content.Headers.TryAddWithoutValidation(header.Key, header.Value);
                }
            }
        }

        foreach (var property in original.Properties)
        {
            copy.Properties[property.Key] = property.Value;
        }

        return copy;
    }
}

// A 200 whose body is not a complete JSON object (HTML page, truncated document): that attempt failed.
internal sealed class InvalidBodyException : Exception
{
    public InvalidBodyException(string message, Exception? inner = null)
        : base(message, inner)
    {
    }
}

// One attempt outlived RequestTimeout (distinct from the caller's cancellation).
internal sealed class AttemptTimeoutException : Exception
{
    public AttemptTimeoutException(TimeSpan timeout)
        : base($"no response within {timeout.TotalSeconds:0.###} s")
    {
    }
}
