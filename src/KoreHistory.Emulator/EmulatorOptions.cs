namespace KoreHistory.Emulator;

/// Settings of one emulator instance. Every option has a default; the command line fills the same object.
public sealed class EmulatorOptions
{
    public const string DefaultBotId = "st-00000000-0000-4000-8000-000000000001";

    public int Seed { get; set; } = 1;

    /// Number of sessions generated for the main bot (the other bots get a few each).
    public int Sessions { get; set; } = 2000;

    /// Sessions are spread over the last Days days up to Now.
    public int Days { get; set; } = 30;

    /// Average number of messages per session.
    public double MessagesPerSession { get; set; } = 8;

    /// Pins "now" for deterministic tests. Unset: the moment the emulator starts, and the real clock afterwards.
    public DateTimeOffset? Now { get; set; }

    public string BotId { get; set; } = DefaultBotId;

    /// Bot-scoped demo app: both scopes on the main bot, JTI not enforced.
    public string ClientId { get; set; } = "cs-emulator-demo";
    public string ClientSecret { get; set; } = "emulator-demo-secret-0123456789abcdef0123456789";

    /// Admin-console app over all bots, both scopes.
    public string AdminClientId { get; set; } = "cs-emulator-admin";
    public string AdminClientSecret { get; set; } = "emulator-admin-secret-0123456789abcdef012345678";

    /// More apps for tests (JTI-enforcing, missing scope, other bot...).
    public IList<EmulatorApp> ExtraApps { get; } = new List<EmulatorApp>();

    public int PerMinute { get; set; } = 60;
    public int PerHour { get; set; } = 1800;
    public TimeSpan MinuteWindow { get; set; } = TimeSpan.FromSeconds(60);
    public TimeSpan HourWindow { get; set; } = TimeSpan.FromSeconds(3600);

    /// The clock the rate-limit windows run on (GetTimestamp/TimestampFrequency). Tests pass a manual clock so
    /// window behaviour is checked without waiting; the default is the real monotonic clock.
    public TimeProvider RateLimitClock { get; set; } = TimeProvider.System;

    public int LatencyMs { get; set; }

    /// Fraction (0..1) of API requests answered with a fault drawn from FaultKinds.
    public double FaultRate { get; set; }

    /// Faults drawn when FaultRate is above zero. Empty: the transient server errors (500, 502, 503).
    public IList<FaultKind> FaultKinds { get; } = new List<FaultKind>();

    public string Urls { get; set; } = "http://127.0.0.1:0";

    /// Platform-version behaviours (sessionId filter, inclusive dateTo, rtm default, limit cap); defaults: kore-api.md.
    public EmulatorPlatform Platform { get; } = new();

    /// The live mode: new conversations written while the emulator runs (off by default).
    public LiveOptions Live { get; } = new();

    /// Throws ArgumentException naming the first bad option.
    public void Validate()
    {
        if (Sessions < 0) throw new ArgumentException("Sessions must be 0 or more.");
        if (Days < 1) throw new ArgumentException("Days must be 1 or more.");
        if (MessagesPerSession < 1 || MessagesPerSession > 1000) throw new ArgumentException("MessagesPerSession must be between 1 and 1000.");
        if (string.IsNullOrWhiteSpace(BotId)) throw new ArgumentException("BotId must not be empty.");
        CheckApp(ClientId, ClientSecret, "ClientId", "ClientSecret");
        CheckApp(AdminClientId, AdminClientSecret, "AdminClientId", "AdminClientSecret");
        foreach (var app in ExtraApps) CheckApp(app.ClientId, app.ClientSecret, "ExtraApps ClientId", "ExtraApps ClientSecret");
        var duplicate = AllApps().GroupBy(a => a.ClientId, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null) throw new ArgumentException($"Client id {duplicate.Key} is registered twice.");
        if (PerMinute < 1) throw new ArgumentException("PerMinute must be 1 or more.");
        if (PerHour < 1) throw new ArgumentException("PerHour must be 1 or more.");
        if (MinuteWindow <= TimeSpan.Zero || HourWindow <= TimeSpan.Zero) throw new ArgumentException("Rate-limit windows must be positive.");
        if (RateLimitClock is null) throw new ArgumentException("RateLimitClock must not be null.");
        if (LatencyMs < 0) throw new ArgumentException("LatencyMs must be 0 or more.");
        if (FaultRate < 0 || FaultRate > 1) throw new ArgumentException("FaultRate must be between 0 and 1.");
        if (string.IsNullOrWhiteSpace(Urls)) throw new ArgumentException("Urls must not be empty.");
        Platform.Validate();
        Live.Validate();
        if (Live.IsOn && Now is not null) throw new ArgumentException("The live mode writes at the real clock: it cannot be combined with a pinned Now.");
    }

    private static void CheckApp(string clientId, string secret, string idName, string secretName)
    {
        if (string.IsNullOrWhiteSpace(clientId)) throw new ArgumentException($"{idName} must not be empty.");
        if (string.IsNullOrEmpty(secret)) throw new ArgumentException($"{secretName} must not be empty.");
    }

    /// The apps the emulator knows: the demo app, the admin app, then ExtraApps.
    internal IReadOnlyList<EmulatorApp> AllApps() =>
        new[]
        {
            new EmulatorApp { ClientId = ClientId, ClientSecret = ClientSecret, Bots = new[] { BotId } },
            new EmulatorApp { ClientId = AdminClientId, ClientSecret = AdminClientSecret, IsAdmin = true },
        }.Concat(ExtraApps).ToList();
}
