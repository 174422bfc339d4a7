namespace KoreHistory.Client;

// Whether an attempt that failed this way can succeed when tried again.
internal enum RetryRule
{
    Never,

    // A 200 that is an HTML page or malformed JSON: a proxy's passing page may be, a server that always sends one is not.
    Once,

    // Within the connection's MaxAttempts and MaxRetryWait.
    WithinBudget,
}
