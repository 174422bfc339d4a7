namespace KoreHistory.Client;

// The endpoints the engine reads (kore-api.md, "Hosts and paths"), each described once. The page-size maxima are
// constants because attributes need constants: the public MaxPageSize fields of the queries, and through them the
// cmdlets' [ValidateRange], are these.
internal static class KoreEndpoints
{
    // Kore's get-sessions-history docs leave the maximum blank ("a maximum of X records"); public clients ask for
    // 1,000 (kore-api-sources.md §5), and the emulator caps limit there.
    public const int SessionsMaxPageSize = 1000;

    // "Max 100 messages per request" (Kore's conversation-history docs).
    public const int MessagesMaxPageSize = 100;

    // "Max 10,000 messages per request" (the same docs, getMessagesV2).
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
    // getMessages, but Kore leaves out Alert and Action task messages here, and its docs give it no admin-console
    // route (no /api/public/getMessagesV2): https://koredotcom.github.io/docs/xo/apis/automation/conversation-history
    public static readonly KoreEndpoint<KoreMessage> MessagesV2 = new(
        "getMessagesV2",
        "api/public/bot/{0}/getMessagesV2",
        adminPath: null,
        MessagesV2MaxPageSize,
        MessagesV2MaxPageSize,
        nameof(KoreMessageQuery.UseMessagesV2),
        PageParser.Messages);

    // What a message query can read through (KoreMessageQuery.Endpoint chooses): a page size one refuses names another
    // that takes it.
    public static readonly IReadOnlyList<KoreEndpoint<KoreMessage>> OfMessages = [Messages, MessagesV2];
}
