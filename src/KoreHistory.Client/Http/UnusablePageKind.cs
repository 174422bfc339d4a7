namespace KoreHistory.Client;

// Why a 200 response is not a page (see FailureClassifier for which of them a retry can fix).
internal enum UnusablePageKind
{
    // The body ended before its length (the connection dropped mid-page).
    CutOff,

    // Not a JSON object: an HTML sign-in or error page, an unknown content encoding, an empty body.
    NotJson,

    // A JSON object that does not parse.
    Malformed,

    // Nested deeper than any page (64 levels).
    TooDeep,
}
