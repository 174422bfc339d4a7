using System.Globalization;
using Polly.Timeout;

namespace KoreHistory.Client;

// One attempt's failure as classified: its kind, whether a retry can help, and what it was (an answer with a status,
// or an exception). Both the retry decision and the error the read ends with are made from this.
internal sealed class AttemptFailure
{
    public AttemptFailure(FailureKind kind, RetryRule retry, ApiAnswer? answer, Exception? exception)
    {
        Kind = kind;
        Retry = retry;
        Answer = answer;
        Exception = exception;
    }

    public FailureKind Kind { get; }

    public RetryRule Retry { get; }

    public ApiAnswer? Answer { get; }

    public Exception? Exception { get; }

    // For wait notices: "HTTP 429", or what went wrong, without control characters.
    public string Description => ServerText.Printable(
        Answer is { } answer ? $"HTTP {answer.Status}"
        : Exception is TimeoutRejectedException timeout ? $"no response within {timeout.Timeout.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture)} s"
        : Exception is { } exception ? (FailureClassifier.CertificateCause(exception) ?? exception).Message.TrimEnd('.')
        : Kind.ToString());
}
