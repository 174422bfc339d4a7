namespace KoreHistory.Emulator;

/// A registered JWT app: what it may read and how its tokens are checked.
public sealed class EmulatorApp
{
    public string ClientId { get; init; } = "";
    public string ClientSecret { get; init; } = "";

    /// Bots a bot-scoped app may read. Empty for an admin app (IsAdmin covers every bot).
    public IReadOnlyList<string> Bots { get; init; } = Array.Empty<string>();

    /// Admin-console app: calls /api/public/getSessions|getMessages and the bot routes of any bot.
    public bool IsAdmin { get; init; }

    public bool SessionsScope { get; init; } = true;
    public bool MessagesScope { get; init; } = true;

    /// Every token needs a unique jti and exp at most 1 hour after iat.
    public bool EnforceJti { get; init; }

    public override string ToString() => $"app {ClientId}";
}
