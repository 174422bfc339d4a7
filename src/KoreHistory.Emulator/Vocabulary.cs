namespace KoreHistory.Emulator;

internal static class Vocabulary
{
    public static readonly IReadOnlyList<string> ChannelTypes =
    [
        "skypeforbusiness", "msteams", "twitter", "spark", "rtm", "facebook", "slack", "skype", "kore", "email", "sms",
        "wfacebook", "ringcentral", "jabber", "yammer", "alexa", "twiliovoice", "telegram", "ivr", "ivrVoice", "smartassist",
        "line", "liveperson", "googleactions", "hangoutchat", "mattermost", "rcs", "korevg",
    ];
    public static readonly IReadOnlyList<string> SessionTypes = ["interactive", "non-interactive"];
    public static readonly IReadOnlyList<string> ContainmentTypes = ["dropOff", "selfService", "agent"];
    public static readonly IReadOnlyList<string> SessionTagTypes = ["user", "session"];
    public static readonly IReadOnlyList<string> MessageTagTypes = ["user", "message", "session"];
    public const int MaxSessionIds = 50;
}
