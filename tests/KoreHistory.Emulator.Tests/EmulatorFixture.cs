namespace KoreHistory.Emulator.Tests;

/// One read-only emulator for the query tests: small, pinned "now", no effective rate limit.
public sealed class EmulatorFixture : IAsyncLifetime
{
    public static readonly DateTimeOffset PinnedNow = new(2026, 6, 15, 12, 0, 0, TimeSpan.Zero);

    public static readonly EmulatorApp SessionsOnly = new() { ClientId = "cs-sessions-only", ClientSecret = "sessions-only-secret-0123456789abcdef", Bots = [EmulatorOptions.DefaultBotId], MessagesScope = false };
    public static readonly EmulatorApp MessagesOnly = new() { ClientId = "cs-messages-only", ClientSecret = "messages-only-secret-0123456789abcdef", Bots = [EmulatorOptions.DefaultBotId], SessionsScope = false };
    public static readonly EmulatorApp JtiApp = new() { ClientId = "cs-jti", ClientSecret = "jti-enforcing-secret-0123456789abcdef", Bots = [EmulatorOptions.DefaultBotId], EnforceJti = true };

    public EmulatorServer Server { get; private set; } = null!;

    public static EmulatorOptions SmallOptions(int sessions = 240) => new()
    {
        Seed = 7,
        Sessions = sessions,
        Days = 12,
        MessagesPerSession = 6,
        Now = PinnedNow,
        PerMinute = 1_000_000,
        PerHour = 1_000_000,
    };

    public async Task InitializeAsync()
    {
        var options = SmallOptions();
        options.ExtraApps.Add(SessionsOnly);
        options.ExtraApps.Add(MessagesOnly);
        options.ExtraApps.Add(JtiApp);
        Server = await EmulatorServer.StartAsync(options);
    }

    public async Task DisposeAsync() => await Server.DisposeAsync();
}

[CollectionDefinition(Name)]
public sealed class SharedEmulator : ICollectionFixture<EmulatorFixture>
{
    public const string Name = "shared emulator";
}
