using System.Security.Cryptography;
using System.Text;
using KoreHistory.Client.Tests.Reliability;

namespace KoreHistory.Client.Tests;

// KoreConnection.CheckAsync (what Connect-KoreBot sends) and KoreResults.ReadPagesAsync (what the cmdlets read with,
// off the pipeline thread).
public sealed class ConnectionCheckAndPageReadTests : IClassFixture<SmallEmulator>
{
    private readonly SmallEmulator emulator;

    public ConnectionCheckAndPageReadTests(SmallEmulator emulator)
    {
        this.emulator = emulator;
    }

    [Fact]
    public async Task The_check_sends_one_small_getSessions_request()
    {
        using var connection = emulator.Connect();
        var log = new RequestRecorder();

        var checkedNow = await connection.CheckAsync(log.Options);

        Assert.True(checkedNow);
        var request = Assert.Single(log.Entries);
        Assert.Contains("/getSessions", request.Path, StringComparison.Ordinal);
        Assert.Contains("\"limit\":1", request.Body, StringComparison.Ordinal);
        Assert.Equal(200, request.StatusCode);
    }

    [Fact]
    public async Task A_wrong_secret_fails_the_check_with_an_authentication_error_that_holds_no_secret()
    {
        const string wrong = "wrong-secret-wrong-secret-wrong-secret";
        using var connection = emulator.Connect(credential: KoreCredential.FromClientSecret(emulator.Server.Options.ClientId, TestSecrets.Secure(wrong)));

        var error = await Assert.ThrowsAsync<KoreAuthenticationException>(() => connection.CheckAsync());

        Assert.Equal(401, error.StatusCode);
        Assert.DoesNotContain(wrong, error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unreachable_host_fails_the_check_with_a_transport_error()
    {
        // A loopback port nobody listens on: the connection is refused at once.
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        using var connection = emulator.Connect(s =>
        {
            s.BaseUri = new Uri($"http://127.0.0.1:{port}/");
            s.MaxAttempts = 1;
        });

        await Assert.ThrowsAsync<KoreTransportException>(() => connection.CheckAsync());
    }

    [Fact]
    public async Task A_reusable_ready_made_token_is_checked()
    {
        var options = emulator.Server.Options;
        var token = ReadyMadeTokens.Make(options.ClientId, options.ClientSecret, DateTimeOffset.UtcNow.AddMinutes(30));
        using var connection = emulator.Connect(credential: KoreCredential.FromToken(TestSecrets.Secure(token)));
        var log = new RequestRecorder();

        Assert.True(await connection.CheckAsync(log.Options));
        Assert.Single(log.Entries);
    }

    [Fact]
    public async Task A_ready_made_token_with_a_jti_is_not_spent_on_the_check_and_still_reads()
    {
        var options = emulator.Server.Options;
        using var connection = emulator.Connect(credential: KoreCredential.FromToken(TestSecrets.Secure(TokenWithJti(options.ClientId, options.ClientSecret))));
        var log = new RequestRecorder();

        Assert.False(await connection.CheckAsync(log.Options));
        Assert.Empty(log.Entries);
        // The API accepts it once: for the read.
        await connection.GetSessions(new KoreSessionQuery { PageSize = 1 }).GetTotalCountAsync();
    }

    [Fact]
    public async Task Pages_hold_the_same_items_in_the_same_order_as_the_item_enumeration()
    {
        using var connection = emulator.Connect();
        var query = new KoreMessageQuery { From = EmulatorFixtureBase.Now.AddDays(-6), To = EmulatorFixtureBase.Now, PageSize = 7 };
        var items = await connection.GetMessages(query).CollectAsync();

        var results = connection.GetMessages(query);
        var pages = new List<IReadOnlyList<KoreMessage>>();
        await foreach (var page in results.ReadPagesAsync())
        {
            pages.Add(page);
        }

        Assert.True(items.Count > 7, "the range should span several pages");
        Assert.Equal(items.Select(m => m.MessageId), pages.SelectMany(p => p).Select(m => m.MessageId));
        Assert.All(pages, p => Assert.InRange(p.Count, 1, 7));
        Assert.Equal(items.Count, results.ItemsRead);
    }

    [Fact]
    public async Task Stopping_after_the_first_page_costs_one_request()
    {
        using var connection = emulator.Connect();
        var log = new RequestRecorder();
        var query = new KoreMessageQuery { From = EmulatorFixtureBase.Now.AddDays(-6), To = EmulatorFixtureBase.Now, PageSize = 5 };

        await foreach (var page in connection.GetMessages(query, log.Options).ReadPagesAsync())
        {
            Assert.Equal(5, page.Count);
            break;
        }

        Assert.Single(log.Entries);
    }

    private static string TokenWithJti(string clientId, string secret)
    {
        static string Encode(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var header = Encode(Encoding.UTF8.GetBytes("{\"alg\":\"HS256\",\"typ\":\"JWT\"}"));
        var payload = Encode(Encoding.UTF8.GetBytes($"{{\"appId\":\"{clientId}\",\"sub\":\"check\",\"iat\":{now},\"exp\":{now + 600},\"jti\":\"{Guid.NewGuid():N}\"}}"));
        using var hmac = new HMACSHA256(Encoding.UTF8.GetBytes(secret));
        return header + "." + payload + "." + Encode(hmac.ComputeHash(Encoding.ASCII.GetBytes(header + "." + payload)));
    }
}
