namespace KoreHistory.Client.Tests.Hostile;

// Connections to a hostile server, with budgets short enough for a test and limits that never wait.
internal static class HostileConnections
{
    public static KoreMessageQuery Query(int pageSize = 100) =>
        new() { From = StaleTotalWindow.From, To = StaleTotalWindow.To, PageSize = pageSize };

    public static KoreConnection Connect(Uri baseUri, Action<KoreConnectionSettings>? configure = null)
    {
        var settings = new KoreConnectionSettings
        {
            BaseUri = baseUri,
            BotId = HostilePages.BotId,
            Credential = KoreCredential.FromClientSecret("cs-hostile", TestSecrets.Secure("hostile-test-secret")),
            RequestsPerMinute = 1_000_000,
            RequestsPerHour = 10_000_000,
            RetryBaseDelay = TimeSpan.FromMilliseconds(10),
            MaxRetryWait = TimeSpan.FromSeconds(20),
            RequestTimeout = TimeSpan.FromSeconds(10),
        };
        configure?.Invoke(settings);
        return new KoreConnection(settings);
    }
}
