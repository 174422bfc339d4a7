using System.Net;
using System.Security.Authentication;
using Polly;
using Polly.Timeout;

namespace KoreHistory.Client;

// The one place that says what an attempt's outcome means: success, or a failure of some kind that a retry can or
// cannot fix. Can succeed when tried again: 429 (and a rate-limit message under any status), 500/502/503/504,
// timeouts, stalls, dropped or refused connections, a cut-off page, and a 401 with minted tokens once the
// credentials were accepted. Cannot: a refused certificate (no retry changes a certificate), other statuses, a body
// past the size cap or nested too deep, and what the engine itself refused. An HTML page or malformed JSON under
// 200 is retried once.
internal sealed class FailureClassifier
{
    private readonly CredentialAcceptance? mintedAcceptance;

    // mintedAcceptance: with minted tokens, whether the API has accepted them once; null for a ready-made token.
    public FailureClassifier(CredentialAcceptance? mintedAcceptance)
    {
        this.mintedAcceptance = mintedAcceptance;
    }

    // Null when the attempt succeeded.
    public AttemptFailure? Classify(Outcome<ApiAnswer> outcome)
    {
        if (outcome.Exception is { } exception)
        {
            return ClassifyException(exception);
        }

        var answer = outcome.Result!;
        if (answer.Status == 200)
        {
            return null;
        }

        if (answer.Status == 429 || KoreErrorBody.SaysRateLimit(answer.Error.Message))
        {
            return Failed(FailureKind.RateLimited, RetryRule.WithinBudget, answer);
        }

        return answer.Status switch
        {
            401 => Failed(FailureKind.Unauthorized, mintedAcceptance?.Accepted == true ? RetryRule.WithinBudget : RetryRule.Never, answer),
            403 => Failed(FailureKind.Unauthorized, RetryRule.Never, answer),
            400 or 412 => Failed(FailureKind.Refused, RetryRule.Never, answer),
            500 or 502 or 503 or 504 => Failed(FailureKind.ServerError, RetryRule.WithinBudget, answer),
            > 500 => Failed(FailureKind.ServerError, RetryRule.Never, answer),
            _ => Failed(FailureKind.UnexpectedStatus, RetryRule.Never, answer),
        };
    }

    // The certificate refusal itself (an AuthenticationException), wherever the HTTP stack nested it.
    public static Exception? CertificateCause(Exception exception)
    {
        for (Exception? inner = exception; inner is not null; inner = inner.InnerException)
        {
            if (inner is AuthenticationException)
            {
                return inner;
            }

            // .NET Framework: a WebException with TrustFailure, without an AuthenticationException inside.
            if (inner is WebException { Status: WebExceptionStatus.TrustFailure })
            {
                return inner;
            }
        }

        return null;
    }

    private static AttemptFailure ClassifyException(Exception exception)
    {
        switch (exception)
        {
            case KoreException:
            case OperationCanceledException:
                return Failed(FailureKind.Final, RetryRule.Never, exception);
            case TimeoutRejectedException:
                return Failed(FailureKind.AttemptTimedOut, RetryRule.WithinBudget, exception);
            case ResponseStalledException:
                return Failed(FailureKind.BodyStalled, RetryRule.WithinBudget, exception);
            case ResponseTooLargeException:
                return Failed(FailureKind.TooLarge, RetryRule.Never, exception);
            case UnusablePageException unusable:
                return Failed(FailureKind.UnusablePage, unusable.Kind switch
                {
                    UnusablePageKind.CutOff => RetryRule.WithinBudget,
                    UnusablePageKind.TooDeep => RetryRule.Never,
                    _ => RetryRule.Once,
                }, exception);
        }

        if (CertificateCause(exception) is not null)
        {
            return Failed(FailureKind.CertificateRefused, RetryRule.Never, exception);
        }

        return exception is HttpRequestException or IOException
            ? Failed(FailureKind.ConnectionFailed, RetryRule.WithinBudget, exception)
            : Failed(FailureKind.Final, RetryRule.Never, exception);
    }

    private static AttemptFailure Failed(FailureKind kind, RetryRule retry, ApiAnswer answer) => new(kind, retry, answer, null);

    private static AttemptFailure Failed(FailureKind kind, RetryRule retry, Exception exception) => new(kind, retry, null, exception);
}
