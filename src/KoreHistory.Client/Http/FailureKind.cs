namespace KoreHistory.Client;

// What went wrong with one attempt, as FailureClassifier tells it.
internal enum FailureKind
{
    // 429, or a rate-limit message under any status.
    RateLimited,

    // 5xx.
    ServerError,

    // 401/403 (and 401 may be retried, see FailureClassifier).
    Unauthorized,

    // 400/412: the API refused the arguments.
    Refused,

    // Any other status.
    UnexpectedStatus,

    // No complete response within RequestTimeout.
    AttemptTimedOut,

    // The body stopped coming for StallTimeout.
    BodyStalled,

    // The connection could not be made or dropped.
    ConnectionFailed,

    // The server's TLS certificate was refused (untrusted, expired, for another name).
    CertificateRefused,

    // A 200 whose body is not a page (see UnusablePageKind).
    UnusablePage,

    // A response past the size cap.
    TooLarge,

    // Refused before sending (a KoreException, e.g. an expired ready-made token), or cancelled by the caller.
    Final,
}
