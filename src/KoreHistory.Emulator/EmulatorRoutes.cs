namespace KoreHistory.Emulator;

/// Route names used by EmulatorStats.
public static class EmulatorRoutes
{
    public const string BotSessions = "bot/getSessions";
    public const string BotMessages = "bot/getMessages";
    public const string BotMessagesV2 = "bot/getMessagesV2";
    public const string AdminSessions = "admin/getSessions";
    public const string AdminMessages = "admin/getMessages";
}
