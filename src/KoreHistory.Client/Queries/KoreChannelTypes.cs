namespace KoreHistory.Client;

/// <summary>The channelType values kore-api.md lists, plus korevg which its examples show.</summary>
public static class KoreChannelTypes
{
    private static readonly string[] Names =
    [
        "skypeforbusiness", "msteams", "twitter", "spark", "rtm", "facebook", "slack", "skype", "kore", "email",
        "sms", "wfacebook", "ringcentral", "jabber", "yammer", "alexa", "twiliovoice", "telegram", "ivr", "ivrVoice",
        "smartassist", "line", "liveperson", "googleactions", "hangoutchat", "mattermost", "rcs", "korevg",
    ];

    /// <summary>Every known channelType, in the API's spelling.</summary>
    public static IReadOnlyList<string> All { get; } = Array.AsReadOnly(Names);

    /// <summary>The API's spelling of a channel name typed in any case, or null when it is not a known channel.</summary>
    public static string? Canonical(string name)
    {
        foreach (var known in Names)
        {
            if (string.Equals(known, name, StringComparison.OrdinalIgnoreCase))
            {
                return known;
            }
        }

        return null;
    }
}
