namespace KoreHistory.Client.Tests.Reliability;

// Every bad input is refused with a KoreValidationException naming the parameter, with the exact text a user
// sees, before any request: the emulator's request count stays at zero. (The cmdlets' binding-time refusals are in
// the module's contract tests; tests/Pester/BadInput.Tests.ps1 runs the module-level table.)
public sealed class BadInputTests : IClassFixture<SmallEmulator>
{
    private static readonly DateTimeOffset Day = new(2026, 5, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly string Valid = "5e43acb58c8ae94f1250e014";
    private readonly SmallEmulator emulator;

    public BadInputTests(SmallEmulator emulator)
    {
        this.emulator = emulator;
        emulator.Server.Faults.Clear();
    }

    public static TheoryData<BadInput> Table => new()
    {
        // Dates.
        Messages("start after end", new() { From = Day.AddDays(1), To = Day }, "From",
            "From (2026-05-02T00:00:00.000Z) must be before To (2026-05-01T00:00:00.000Z)."),
        Sessions("start after end (sessions)", new() { From = Day.AddHours(1), To = Day }, "From",
            "From (2026-05-01T01:00:00.000Z) must be before To (2026-05-01T00:00:00.000Z)."),
        Messages("start equal to end", new() { From = Day, To = Day }, "From",
            "From (2026-05-01T00:00:00.000Z) must be before To (2026-05-01T00:00:00.000Z)."),
        Messages("start after end, given with offsets (not UTC)", new() { From = new DateTimeOffset(2026, 5, 1, 10, 0, 0, TimeSpan.FromHours(2)), To = new DateTimeOffset(2026, 5, 1, 7, 0, 0, TimeSpan.FromHours(-1)) }, "From",
            "From (2026-05-01T08:00:00.000Z) must be before To (2026-05-01T08:00:00.000Z)."),
        Messages("a huge range", new() { From = DateTimeOffset.MinValue, To = Day }, "From",
            "The range from 0001-01-01T00:00:00.000Z to 2026-05-01T00:00:00.000Z spans 739736 days; one read may span at most 3653 days (10 years), as every 7 days cost at least one request. Give a later From or an earlier To."),
        Sessions("a huge range from a start alone (until now)", new() { From = new DateTimeOffset(1900, 1, 1, 0, 0, 0, TimeSpan.Zero) }, "From",
            "The range from 1900-01-01T00:00:00.000Z to 2026-06-01T12:00:00.000Z spans 46172 days; one read may span at most 3653 days (10 years), as every 7 days cost at least one request. Give a later From or an earlier To."),
        Messages("a window given with a message id", new() { MessageId = "ms-1", From = Day }, "MessageId",
            "MessageId cannot be combined with From or To: the API reads around a message, not within dates."),
        Messages("an end given with a message id", new() { MessageId = "ms-1", To = Day }, "MessageId",
            "MessageId cannot be combined with From or To: the API reads around a message, not within dates."),
        Messages("a direction without a message id", new() { Direction = KoreDirection.Backward }, "Direction",
            "Direction needs a MessageId to read around."),

        // Page sizes.
        Messages("message page size 0", new() { PageSize = 0 }, "PageSize", "PageSize must be between 1 and 100; it was 0."),
        Messages("message page size 101", new() { PageSize = 101 }, "PageSize", "PageSize must be between 1 and 100 for getMessages; it was 101. Set UseMessagesV2 to read up to 10000 a request through getMessagesV2."),
        Messages("message page size -1", new() { PageSize = -1 }, "PageSize", "PageSize must be between 1 and 100; it was -1."),
        Sessions("session page size 0", new() { PageSize = 0 }, "PageSize", "PageSize must be between 1 and 1000; it was 0."),
        Sessions("session page size 1001", new() { PageSize = 1001 }, "PageSize", "PageSize must be between 1 and 1000; it was 1001."),

        // Ids.
        Messages("an empty session id", new() { SessionIds = [Valid, ""] }, "SessionIds", "SessionIds must not be empty."),
        Messages("a whitespace session id", new() { SessionIds = ["  "] }, "SessionIds", "SessionIds must not be empty."),
        Messages("a null session id", new() { SessionIds = [null!] }, "SessionIds", "SessionIds must not contain an empty id."),
        Sessions("an empty list of session ids", new() { SessionIds = [] }, "SessionIds", "SessionIds must contain at least one id when given."),
        Messages("a session id with a space", new() { SessionIds = ["abc def"] }, "SessionIds",
            "SessionIds 'abc def' is malformed: ids contain only letters, digits and - _ . : @ +."),
        Messages("a session id with a quote (JSON injection)", new() { SessionIds = ["a\",\"b"] }, "SessionIds",
            "SessionIds 'a\",\"b' is malformed: ids contain only letters, digits and - _ . : @ +."),
        Messages("a session id with a newline, shown without it", new() { SessionIds = ["abc\n"] }, "SessionIds",
            "SessionIds 'abc?' is malformed: ids contain only letters, digits and - _ . : @ +."),
        Messages("a session id of 257 characters", new() { SessionIds = [new string('a', 257)] }, "SessionIds",
            "SessionIds is malformed: longer than 256 characters."),
        Messages("an empty user id", new() { UserId = "" }, "UserId", "UserId must not be empty."),
        Sessions("a whitespace user id", new() { UserId = " \t" }, "UserId", "UserId must not be empty."),
        Messages("a whitespace message id", new() { MessageId = "   " }, "MessageId", "MessageId must not be empty."),
        Messages("an empty bot id in the query", new() { BotId = "" }, "BotId", "BotId must not be empty."),
        Messages("a bot id with a slash (path injection)", new() { BotId = "st-1/../getSessions" }, "BotId",
            "BotId 'st-1/../getSessions' is malformed: ids contain only letters, digits and - _ . : @ +."),
        Messages("a whitespace IVR instance id", new() { IvrInstanceId = " " }, "IvrInstanceId", "IvrInstanceId must not be empty."),

        // Enumerations.
        Messages("an unknown channel", new() { ChannelType = "pigeon" }, "ChannelType",
            $"ChannelType has the unknown value 'pigeon'; valid values: {string.Join(", ", KoreChannelTypes.All)}."),
        Messages("an empty channel", new() { ChannelType = "" }, "ChannelType",
            $"ChannelType has the unknown value ''; valid values: {string.Join(", ", KoreChannelTypes.All)}."),
        Sessions("an unknown session type", new() { SessionType = (KoreSessionType)9 }, "SessionType",
            "SessionType has the unknown value '9'; valid values: Interactive, NonInteractive."),
        Sessions("an unknown containment type", new() { ContainmentType = (KoreContainmentType)9 }, "ContainmentType",
            "ContainmentType has the unknown value '9'; valid values: DropOff, SelfService, Agent."),
        Messages("an unknown direction", new() { MessageId = "ms-1", Direction = (KoreDirection)7 }, "Direction",
            "Direction has the unknown value '7'; valid values: Backward, Both, Forward."),

        // Tags.
        Messages("a tag filter without conditions", new() { Tags = new KoreTagFilter() }, "Tags", "Tags must contain at least one condition."),
        Messages("a tag without a name", new() { Tags = new KoreTagFilter { Conditions = [new KoreTagCondition(" ", ["x"])] } }, "Tags",
            "Every tag condition needs a name."),
        Messages("a tag without values", new() { Tags = new KoreTagFilter { Conditions = [new KoreTagCondition("tier", [])] } }, "Tags",
            "Tag condition 'tier' needs at least one value, and no null values."),
        Messages("an unknown tag type", new() { Tags = new KoreTagFilter { Conditions = [new KoreTagCondition("tier", ["gold"], (KoreTagType)5)] } }, "Tags.Type",
            "Tags.Type has the unknown value '5'; valid values: User, Message, Session."),
        Messages("an unknown tag match", new() { Tags = new KoreTagFilter { Match = (KoreTagMatch)3, Conditions = [new KoreTagCondition("tier", ["gold"])] } }, "Tags.Match",
            "Tags.Match has the unknown value '3'; valid values: All, Any."),
        Sessions("session ids with filters the API would ignore", new() { SessionIds = [Valid], UserId = "u1", From = Day }, "SessionIds",
            "SessionIds cannot be combined with UserId, From: the API ignores every other filter when session ids are given."),

        // Null queries and null pipeline input.
        Act("a null message query", e => e.Connect().GetMessages(null!), "query", "A message query is required."),
        Act("a null session query", e => e.Connect().GetSessions(null!), "query", "A session query is required."),
        Act("a null piped session", _ => new KoreSessionBatcher().Add(null!), "SessionId", "A session to read must not be null."),
        Act("an empty piped session id", _ => new KoreSessionBatcher().Add(" "), "SessionId", "SessionId must not be empty."),
        Act("piped sessions read around a message id", _ => new KoreSessionBatcher(new KoreMessageQuery { MessageId = "ms-1" }), "MessageId",
            "A batch of sessions cannot be read around a MessageId."),
        Act("piped sessions with a bad page size", _ => new KoreSessionBatcher(new KoreMessageQuery { PageSize = 0 }), "PageSize",
            "PageSize must be between 1 and 100; it was 0."),

        // Connection settings.
        Settings("no base URL", s => s.BaseUri = null!, "BaseUri", "BaseUri must be an absolute http(s) URL."),
        Settings("a relative base URL", s => s.BaseUri = new Uri("/api", UriKind.Relative), "BaseUri", "BaseUri must be an absolute http(s) URL."),
        Settings("plain http to a non-loopback host", s => s.BaseUri = new Uri("http://bots.kore.ai"), "BaseUri",
            "Plain http is refused for bots.kore.ai: it would send the credentials unencrypted. Use https (http is allowed only for loopback, e.g. the emulator)."),
        Settings("plain http to a private address", s => s.BaseUri = new Uri("http://10.0.0.5:8080"), "BaseUri",
            "Plain http is refused for 10.0.0.5: it would send the credentials unencrypted. Use https (http is allowed only for loopback, e.g. the emulator)."),
        Settings("an ftp base URL", s => s.BaseUri = new Uri("ftp://bots.kore.ai"), "BaseUri", "BaseUri must use https, not ftp."),
        Settings("a base URL with a query", s => s.BaseUri = new Uri("https://bots.kore.ai/?x=1"), "BaseUri",
            "BaseUri must be a host (and optional path), without a query or fragment."),
        Act("a malformed host", _ => KoreConnectionSettings.ParseBaseUri("bots kore ai"), "BaseUri",
            "'bots kore ai' is neither a region (US, EU, DE, AU, JP, IN, UAE) nor an http(s) host."),
        Act("an empty host", _ => KoreConnectionSettings.ParseBaseUri(" "), "BaseUri", "The host must not be empty."),
        Act("an unknown region", _ => KoreConnectionSettings.BaseUriOf((KoreRegion)42), "Region",
            "Region has the unknown value '42'; valid values: US, EU, DE, AU, JP, IN, UAE."),
        Settings("no credential", s => s.Credential = null, "Credential", "A credential is required (client id + secret, or a token)."),
        Settings("no bot id on a bot connection", s => s.BotId = null, "BotId", "A bot id is required unless the connection uses the admin console."),
        Settings("a malformed bot id", s => s.BotId = "st 1", "BotId", "BotId 'st 1' is malformed: ids contain only letters, digits and - _ . : @ +."),
        Settings("0 requests a minute", s => s.RequestsPerMinute = 0, "RequestsPerMinute", "RequestsPerMinute must be at least 1; it was 0."),
        Settings("0 requests an hour", s => s.RequestsPerHour = 0, "RequestsPerHour", "RequestsPerHour must be at least 1; it was 0."),
        Settings("0 attempts", s => s.MaxAttempts = 0, "MaxAttempts", "MaxAttempts must be at least 1; it was 0."),
        Settings("a zero request timeout", s => s.RequestTimeout = TimeSpan.Zero, "RequestTimeout", "RequestTimeout must be longer than zero."),
        Settings("a negative retry wait", s => s.MaxRetryWait = TimeSpan.FromSeconds(-1), "MaxRetryWait", "MaxRetryWait must not be negative."),
        Settings("a negative retry delay", s => s.RetryBaseDelay = TimeSpan.FromSeconds(-1), "RetryBaseDelay", "RetryBaseDelay must not be negative."),
        Settings("an empty user agent", s => s.UserAgent = " ", "UserAgent", "UserAgent must not be empty."),

        // Credentials.
        Act("an empty client id", _ => KoreCredential.FromClientSecret("", TestSecrets.Secure("secret")), "ClientId", "ClientId must not be empty."),
        Act("a malformed client id", _ => KoreCredential.FromClientSecret("cs 1", TestSecrets.Secure("secret")), "ClientId",
            "ClientId 'cs 1' is malformed: ids contain only letters, digits and - _ . : @ +."),
        Act("an empty secret", _ => KoreCredential.FromClientSecret("cs-1", TestSecrets.Secure("")), "ClientSecret", "ClientSecret must not be empty."),
        Act("a null secret", _ => KoreCredential.FromClientSecret("cs-1", null!), "ClientSecret", "ClientSecret must not be empty."),
        Act("an empty ready-made token", _ => KoreCredential.FromToken(TestSecrets.Secure("")), "Token", "Token must not be empty."),
        Act("a ready-made token that is no JWT", _ => KoreCredential.FromToken(TestSecrets.Secure("not-a-jwt")), "Token", MalformedToken),
        Act("a ready-made token with an empty part", _ => KoreCredential.FromToken(TestSecrets.Secure("eyJhbGciOiJIUzI1NiJ9..c2ln")), "Token", MalformedToken),
        Act("a ready-made token with spaces", _ => KoreCredential.FromToken(TestSecrets.Secure("Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.c2ln")), "Token", MalformedToken),
        Act("a ready-made token with four parts", _ => KoreCredential.FromToken(TestSecrets.Secure("a.b.c.d")), "Token", MalformedToken),
    };

    private const string MalformedToken =
        "Token is not a JWT: expected three base64url parts separated by dots (header.payload.signature), as Kore.ai's auth header takes.";

    [Theory]
    [MemberData(nameof(Table))]
    public async Task A_bad_input_is_refused_clearly_before_any_request(BadInput input)
    {
        emulator.Server.Stats.Reset();

        var error = await Assert.ThrowsAsync<KoreValidationException>(() => input.RunAsync(emulator));

        Assert.Equal(input.Message, error.Message);
        Assert.Equal(input.Parameter, error.ParameterName);
        Assert.Null(error.StatusCode);
        Assert.Equal(0, emulator.Server.Stats.TotalRequests);
    }

    [Fact]
    public void The_table_covers_at_least_thirty_bad_inputs()
    {
        Assert.True(Table.Cast<object>().Count() >= 30);
    }

    [Fact]
    public async Task An_expired_ready_made_token_fails_before_any_request_with_an_authentication_error()
    {
        emulator.Server.Stats.Reset();
        var token = ReadyMadeTokens.Make(emulator.Server.Options.ClientId, emulator.Server.Options.ClientSecret, new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
        using var connection = emulator.Connect(credential: KoreCredential.FromToken(TestSecrets.Secure(token)));

        var error = await Assert.ThrowsAsync<KoreAuthenticationException>(() => connection.GetSessions(new KoreSessionQuery()).CollectAsync());

        Assert.Equal(
            $"The ready-made token expired at 2026-01-01T00:00:00.000Z. Connect again with a fresh token, or with a client id and secret so tokens are minted for you. Request: POST /api/public/bot/{emulator.BotId}/getSessions.",
            error.Message);
        Assert.Equal(0, emulator.Server.Stats.TotalRequests);
    }

    [Fact]
    public async Task Dates_with_an_offset_are_sent_as_the_same_instant_in_utc()
    {
        using var connection = emulator.Connect();
        var log = new RequestRecorder();
        var from = new DateTimeOffset(2026, 5, 28, 9, 30, 0, TimeSpan.FromHours(2));

        await connection.GetMessages(new KoreMessageQuery { From = from, To = from.AddHours(1) }, log.Options).CollectAsync();

        Assert.Contains("\"dateFrom\":\"2026-05-28T07:30:00.000Z\",\"dateTo\":\"2026-05-28T08:30:00.000Z\"", log.Entries[0].Body, StringComparison.Ordinal);
    }

    private static BadInput Messages(string name, KoreMessageQuery query, string parameter, string message) =>
        new(name, e => Enumerate(e.Connect().GetMessages(query)), parameter, message);

    private static BadInput Sessions(string name, KoreSessionQuery query, string parameter, string message) =>
        new(name, e => Enumerate(e.Connect().GetSessions(query)), parameter, message);

    private static BadInput Settings(string name, Action<KoreConnectionSettings> spoil, string parameter, string message) =>
        new(name, e => e.Connect(spoil), parameter, message);

    private static BadInput Act(string name, Func<SmallEmulator, object?> act, string parameter, string message) =>
        new(name, e => act(e), parameter, message);

    // If validation were lazy, enumerating would send the request the table says must never be sent.
    private static async Task Enumerate<T>(KoreResults<T> results)
    {
        await foreach (var _ in results)
        {
        }
    }

    public sealed class BadInput(string name, Func<SmallEmulator, object?> act, string parameter, string message)
    {
        public string Parameter => parameter;

        public string Message => message;

        public async Task RunAsync(SmallEmulator emulator)
        {
            var outcome = act(emulator);
            if (outcome is Task task)
            {
                await task;
            }
            else if (outcome is IDisposable disposable)
            {
                disposable.Dispose();
            }
        }

        public override string ToString() => name;
    }
}
