namespace KoreHistory.Client;

// The endpoints the engine reads (kore-api.md, "Endpoints"), each described once. The page-size maxima are constants
// because attributes need constants: the public MaxPageSize fields of the queries, and through them the cmdlets'
// [ValidateRange], are these.
internal static class KoreEndpoints
{
    public const int SessionsMaxPageSize = 1000;

    public const int MessagesMaxPageSize = 100;

    public const int MessagesV2MaxPageSize = 10_000;

    public static readonly KoreEndpoint<KoreSession> Sessions = new(
        "getSessions",
        "api/public/bot/{0}/getSessions",
        "api/public/getSessions",
        SessionsMaxPageSize,
        SessionsMaxPageSize,
        selector: null,
        PageParser.Sessions);

    public static readonly KoreEndpoint<KoreMessage> Messages = new(
        "getMessages",
        "api/public/bot/{0}/getMessages",
        "api/public/getMessages",
        MessagesMaxPageSize,
        MessagesMaxPageSize,
        selector: null,
        PageParser.Messages);

    // Up to 10,000 messages a request, so a bulk export needs a hundredth of the requests; the same page shape as
    // getMessages, but Kore leaves out Alert and Action task messages here, and it has no admin-console route.
    public static readonly KoreEndpoint<KoreMessage> MessagesV2 = new(
        "getMessagesV2",
        "api/public/bot/{0}/getMessagesV2",
        adminPath: null,
        MessagesV2MaxPageSize,
        MessagesV2MaxPageSize,
        nameof(KoreMessageQuery.UseMessagesV2),
        PageParser.Messages);

    // What a message query can read through: the first is its default.
    public static readonly IReadOnlyList<KoreEndpoint<KoreMessage>> OfMessages = [Messages, MessagesV2];
}
