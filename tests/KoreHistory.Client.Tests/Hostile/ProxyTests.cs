using System.Net;

namespace KoreHistory.Client.Tests.Hostile;

// Issue 12, "HTTP_PROXY set, base URI http://127.0.0.1": a token never crosses a proxy in clear. Plain http (allowed
// for loopback only) never uses a proxy; over https a proxy sees only the tunnel (CONNECT), never the auth header.
// HttpClient.DefaultProxy stands for HTTP_PROXY (which .NET reads into it once per process); the Pester suite sets
// the environment variable itself, in a child process.
[Collection(ProxySettingsGroup.Name)]
public sealed class ProxyTests
{
    [Fact]
    public async Task Plain_http_to_loopback_bypasses_the_systems_proxy()
    {
        await using var proxy = HostileServer.Start(HostileResponders.ProxyRefusing);
        await using var target = HostileServer.Start(HostileResponders.EmptyPage);

        await WithDefaultProxyAsync(proxy.BaseUri, async () =>
        {
            using var connection = HostileConnections.Connect(target.BaseUri, s => s.MaxAttempts = 1);
            await connection.GetMessages(HostileConnections.Query()).CollectAsync();
        });

        Assert.Equal(0, proxy.Requests);
        var request = Assert.Single(target.Received);
        Assert.True(request.Headers.ContainsKey("auth"));
    }

    [Fact]
    public async Task Over_https_a_proxy_is_asked_for_a_tunnel_and_never_sees_the_token()
    {
        await using var proxy = HostileServer.Start(HostileResponders.ProxyRefusing);
        using var certificate = SelfSignedCertificate.Create();
        await using var target = HostileServer.StartTls(HostileResponders.EmptyPage, certificate);

        await WithDefaultProxyAsync(proxy.BaseUri, async () =>
        {
            using var connection = HostileConnections.Connect(target.BaseUri, s => s.MaxAttempts = 1);
            await Assert.ThrowsAsync<KoreTransportException>(() => connection.GetMessages(HostileConnections.Query()).CollectAsync());
        });

        var request = Assert.Single(proxy.Received);
        Assert.Equal("CONNECT", request.Method);
        Assert.False(request.Headers.ContainsKey("auth"));
        Assert.DoesNotContain("eyJ", request.Body, StringComparison.Ordinal);
    }

    private static async Task WithDefaultProxyAsync(Uri proxy, Func<Task> run)
    {
        var previous = HttpClient.DefaultProxy;
        HttpClient.DefaultProxy = new WebProxy(proxy) { BypassProxyOnLocal = false };
        try
        {
            await run();
        }
        finally
        {
            HttpClient.DefaultProxy = previous;
        }
    }
}
