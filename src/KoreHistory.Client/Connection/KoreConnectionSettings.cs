using System.Reflection;

namespace KoreHistory.Client;

/// <summary>Everything a connection needs; validated when a KoreConnection is made from it.</summary>
public sealed class KoreConnectionSettings
{
    /// <summary>https://bots.kore.ai, the US region.</summary>
    public static readonly Uri DefaultBaseUri = new("https://bots.kore.ai");

    /// <summary>The host (https, or http for loopback only): see <see cref="ParseBaseUri"/>. Default: <see cref="DefaultBaseUri"/>.</summary>
    public Uri BaseUri { get; set; } = DefaultBaseUri;

    /// <summary>The bot to read (st-…); optional with <see cref="AdminConsole"/>.</summary>
    public string? BotId { get; set; }

    /// <summary>Use the Bot Admin Console paths (/api/public/getSessions, /api/public/getMessages).</summary>
    public bool AdminConsole { get; set; }

    /// <summary>The app's client id and secret, or a ready-made token. Required.</summary>
    public KoreCredential? Credential { get; set; }

    /// <summary>Client-side pacing per bot, mirroring the API's rolling windows so our own traffic never causes a 429.</summary>
    public int RequestsPerMinute { get; set; } = 60;

    /// <summary>The most requests per bot within <see cref="HourWindow"/> (default 1,800, the API's limit).</summary>
    public int RequestsPerHour { get; set; } = 1800;

    /// <summary>The lengths of the two rolling windows; shorter only against an emulator configured the same way.</summary>
    public TimeSpan MinuteWindow { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>The window <see cref="RequestsPerHour"/> is counted over (an hour against Kore.ai).</summary>
    public TimeSpan HourWindow { get; set; } = TimeSpan.FromHours(1);

    /// <summary>
    /// Page requests one read keeps in flight (read ahead and handed over in order); they share the bot's
    /// pacing, so more never means more than RequestsPerMinute/RequestsPerHour. 1 reads page after page.
    /// </summary>
    public int MaxConcurrentRequests { get; set; } = DefaultMaxConcurrentRequests;

    /// <summary>The default of <see cref="MaxConcurrentRequests"/>.</summary>
    public const int DefaultMaxConcurrentRequests = 4;

    /// <summary>The largest <see cref="MaxConcurrentRequests"/> allowed.</summary>
    public const int MaxConcurrentRequestsLimit = 16;

    /// <summary>Attempts per request, the first included.</summary>
    public int MaxAttempts { get; set; } = 6;

    /// <summary>
    /// The most time one request may spend retrying: its attempts and the waits between them (Retry-After or
    /// backoff; not waits for the bot's pacing budget). A retry whose wait would take it past this is not made.
    /// </summary>
    public TimeSpan MaxRetryWait { get; set; } = TimeSpan.FromMinutes(3);

    /// <summary>First backoff delay when the server gives no Retry-After; doubles per attempt, with jitter.</summary>
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Per attempt: an attempt that takes longer is cancelled and retried as a transport failure.</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(100);

    /// <summary>
    /// Once a response has begun, the longest wait for its next byte: a body that stops for longer is a stalled
    /// attempt, retried like a timeout (a trickle that never ends is cut by RequestTimeout).
    /// </summary>
    public TimeSpan StallTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The User-Agent header sent with every request. Default: <see cref="DefaultUserAgent"/>.</summary>
    public string UserAgent { get; set; } = DefaultUserAgent;

    /// <summary>"KoreHistory/" and the engine's version.</summary>
    public static string DefaultUserAgent { get; } = "KoreHistory/" + Version;

    internal static string Version
    {
        get
        {
            var assembly = typeof(KoreConnectionSettings).Assembly;
            var informational = assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion;
            var version = informational ?? assembly.GetName().Version?.ToString() ?? "0.0.0";
            var plus = version.IndexOf('+');
            return plus >= 0 ? version.Substring(0, plus) : version;
        }
    }

    /// <summary>The host of a Kore.ai region.</summary>
    public static Uri BaseUriOf(KoreRegion region) => region switch
    {
        KoreRegion.US => new Uri("https://bots.kore.ai"),
        KoreRegion.EU => new Uri("https://eu-bots.kore.ai"),
        KoreRegion.DE => new Uri("https://de-bots.kore.ai"),
        KoreRegion.AU => new Uri("https://au-bots.kore.ai"),
        KoreRegion.JP => new Uri("https://jp-bots.kore.ai"),
        KoreRegion.IN => new Uri("https://ind-bots.kore.ai"),
        KoreRegion.UAE => new Uri("https://uae-platform.kore.ai"),
        _ => throw new KoreValidationException(
            $"Region has the unknown value '{region}'; valid values: {string.Join(", ", Enum.GetNames(typeof(KoreRegion)))}.",
            "Region"),
    };

    /// <summary>A region name (us, eu, de, au, jp, in, uae; any case) or a host / URL.</summary>
    public static Uri ParseBaseUri(string hostOrRegion)
    {
        if (string.IsNullOrWhiteSpace(hostOrRegion))
        {
            throw new KoreValidationException("The host must not be empty.", "BaseUri");
        }

        var text = hostOrRegion.Trim();
        if (text.Equals("ind", StringComparison.OrdinalIgnoreCase))
        {
            return BaseUriOf(KoreRegion.IN);
        }

        if (text.All(char.IsLetter)
            && Enum.TryParse<KoreRegion>(text, ignoreCase: true, out var region)
            && Enum.IsDefined(typeof(KoreRegion), region))
        {
            return BaseUriOf(region);
        }

        if (!text.Contains("://"))
        {
            text = "https://" + text;
        }

        if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
        {
            // Text with an @ may hold a password: it is not echoed.
            var shown = text.IndexOf('@') >= 0 ? "The host" : $"'{hostOrRegion}'";
            throw new KoreValidationException(
                $"{shown} is neither a region ({string.Join(", ", Enum.GetNames(typeof(KoreRegion)))}) nor an http(s) host.",
                "BaseUri");
        }

        ConnectionSettingsRules.NoUserInfo(uri);
        return uri;
    }
}
