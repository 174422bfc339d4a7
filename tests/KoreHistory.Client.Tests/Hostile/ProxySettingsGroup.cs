namespace KoreHistory.Client.Tests.Hostile;

// Tests that set HttpClient.DefaultProxy (process-wide), and those over https that a proxy would reach, run on their
// own, never beside each other.
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ProxySettingsGroup
{
    public const string Name = "Proxy settings";
}
