namespace KoreHistory.Client;

// The checks a KoreConnection makes of its settings before anything is sent, each a KoreValidationException naming
// the setting, and the private copy the connection keeps (so that later changes to the caller's object change
// nothing).
internal static class ConnectionSettingsRules
{
    public static KoreConnectionSettings CheckedCopy(KoreConnectionSettings settings)
    {
        Check(settings);
        return Copy(settings);
    }

    private static void Check(KoreConnectionSettings settings)
    {
        if (settings is null)
        {
            throw new KoreValidationException("Connection settings are required.", "Settings");
        }

        BaseUri(settings.BaseUri);
        if (settings.Credential is null)
        {
            throw new KoreValidationException("A credential is required (client id + secret, or a token).", "Credential");
        }

        if (!settings.AdminConsole && settings.BotId is null)
        {
            throw new KoreValidationException("A bot id is required unless the connection uses the admin console.", "BotId");
        }

        QueryRules.OptionalBotId(settings.BotId, "BotId");
        Positive(settings.RequestsPerMinute, "RequestsPerMinute");
        Positive(settings.RequestsPerHour, "RequestsPerHour");
        Positive(settings.MaxAttempts, "MaxAttempts");
        if (settings.MaxConcurrentRequests < 1 || settings.MaxConcurrentRequests > KoreConnectionSettings.MaxConcurrentRequestsLimit)
        {
            throw new KoreValidationException(
                $"MaxConcurrentRequests must be between 1 and {KoreConnectionSettings.MaxConcurrentRequestsLimit}; it was {settings.MaxConcurrentRequests}.",
                "MaxConcurrentRequests");
        }

        Positive(settings.MinuteWindow, "MinuteWindow");
        Positive(settings.HourWindow, "HourWindow");
        // The per-attempt timeout is Polly's, which takes 10 ms to 24 h.
        Positive(settings.RequestTimeout, "RequestTimeout");
        if (settings.RequestTimeout < TimeSpan.FromMilliseconds(10) || settings.RequestTimeout > TimeSpan.FromDays(1))
        {
            throw new KoreValidationException("RequestTimeout must be between 10 milliseconds and 24 hours.", "RequestTimeout");
        }

        Positive(settings.StallTimeout, "StallTimeout");
        if (settings.MaxRetryWait < TimeSpan.Zero)
        {
            throw new KoreValidationException("MaxRetryWait must not be negative.", "MaxRetryWait");
        }

        if (settings.RetryBaseDelay < TimeSpan.Zero)
        {
            throw new KoreValidationException("RetryBaseDelay must not be negative.", "RetryBaseDelay");
        }

        if (string.IsNullOrWhiteSpace(settings.UserAgent))
        {
            throw new KoreValidationException("UserAgent must not be empty.", "UserAgent");
        }
    }

    // https anywhere, http on loopback only (the emulator), no query or fragment, and no user info: Kore.ai takes
    // no password in the URL, and one there would be printed with the connection. The URI is never echoed.
    public static void BaseUri(Uri? uri)
    {
        if (uri is null || !uri.IsAbsoluteUri)
        {
            throw new KoreValidationException("BaseUri must be an absolute http(s) URL.", "BaseUri");
        }

        NoUserInfo(uri);
        if (uri.Scheme == Uri.UriSchemeHttp)
        {
            if (!uri.IsLoopback)
            {
                throw new KoreValidationException(
                    $"Plain http is refused for {uri.Host}: it would send the credentials unencrypted. Use https (http is allowed only for loopback, e.g. the emulator).",
                    "BaseUri");
            }
        }
        else if (uri.Scheme != Uri.UriSchemeHttps)
        {
            throw new KoreValidationException($"BaseUri must use https, not {uri.Scheme}.", "BaseUri");
        }

        if (!string.IsNullOrEmpty(uri.Query) || !string.IsNullOrEmpty(uri.Fragment))
        {
            throw new KoreValidationException("BaseUri must be a host (and optional path), without a query or fragment.", "BaseUri");
        }
    }

    public static void NoUserInfo(Uri uri)
    {
        if (!string.IsNullOrEmpty(uri.UserInfo))
        {
            throw new KoreValidationException(
                "BaseUri must not carry a user name or password (the part before @): Kore.ai authenticates with the app's client id and secret. Give the host alone.",
                "BaseUri");
        }
    }

    private static void Positive(int value, string name)
    {
        if (value < 1)
        {
            throw new KoreValidationException($"{name} must be at least 1; it was {value}.", name);
        }
    }

    private static void Positive(TimeSpan value, string name)
    {
        if (value <= TimeSpan.Zero)
        {
            throw new KoreValidationException($"{name} must be longer than zero.", name);
        }
    }

    private static KoreConnectionSettings Copy(KoreConnectionSettings source)
    {
        var baseUri = source.BaseUri.AbsoluteUri.EndsWith("/", StringComparison.Ordinal)
            ? source.BaseUri
            : new Uri(source.BaseUri.AbsoluteUri + "/");
        return new KoreConnectionSettings
        {
            BaseUri = baseUri,
            BotId = source.BotId,
            AdminConsole = source.AdminConsole,
            Credential = source.Credential,
            RequestsPerMinute = source.RequestsPerMinute,
            RequestsPerHour = source.RequestsPerHour,
            MinuteWindow = source.MinuteWindow,
            HourWindow = source.HourWindow,
            MaxAttempts = source.MaxAttempts,
            MaxConcurrentRequests = source.MaxConcurrentRequests,
            MaxRetryWait = source.MaxRetryWait,
            RetryBaseDelay = source.RetryBaseDelay,
            RequestTimeout = source.RequestTimeout,
            StallTimeout = source.StallTimeout,
            UserAgent = source.UserAgent,
        };
    }
}
