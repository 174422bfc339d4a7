namespace KoreHistory.Client.Tests;

public sealed class CredentialAndConnectionTests
{
    private const string Secret = "super-secret-value-0123456789abcdef-xyz";

    [Fact]
    public void A_credential_prints_its_client_id_never_its_secret()
    {
        using var credential = KoreCredential.FromClientSecret("cs-abc", TestSecrets.Secure(Secret));

        Assert.Equal("client id cs-abc", credential.ToString());
        Assert.True(credential.CanMintTokens);
        Assert.DoesNotContain(typeof(KoreCredential).GetFields(System.Reflection.BindingFlags.Instance | System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Public),
            f => f.FieldType == typeof(string) && f.Name.Contains("secret", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public void A_token_credential_prints_as_a_ready_made_token()
    {
        using var credential = KoreCredential.FromToken(TestSecrets.Secure("eyJhbGciOi.the.token"));

        Assert.Equal("ready-made token", credential.ToString());
        Assert.False(credential.CanMintTokens);
        Assert.Null(credential.ClientId);
    }

    [Fact]
    public void An_empty_secret_or_token_is_refused()
    {
        Assert.Throws<KoreValidationException>(() => KoreCredential.FromClientSecret("cs-1", TestSecrets.Secure("")));
        Assert.Throws<KoreValidationException>(() => KoreCredential.FromClientSecret("", TestSecrets.Secure("x")));
        Assert.Throws<KoreValidationException>(() => KoreCredential.FromToken(TestSecrets.Secure("")));
    }

    [Fact]
    public void A_disposed_credential_cannot_be_used_to_mint()
    {
        var credential = KoreCredential.FromClientSecret("cs-1", TestSecrets.Secure(Secret));
        credential.Dispose();

        Assert.Throws<ObjectDisposedException>(() => new TokenMinter(credential, TimeProvider.System).Mint());
    }

    [Theory]
    [InlineData("http://bots.kore.ai")]
    [InlineData("http://10.0.0.5:8080")]
    [InlineData("ftp://bots.kore.ai")]
    public void Plain_http_is_refused_for_any_host_but_loopback(string url)
    {
        var error = Assert.Throws<KoreValidationException>(() => new KoreConnection(Settings(new Uri(url))));

        Assert.Equal("BaseUri", error.ParameterName);
    }

    [Theory]
    [InlineData("http://127.0.0.1:5080")]
    [InlineData("http://localhost:5080")]
    [InlineData("https://bots.kore.ai")]
    public void Https_anywhere_and_http_on_loopback_are_accepted(string url)
    {
        using var connection = new KoreConnection(Settings(new Uri(url)));

        Assert.Equal("st-1", connection.BotId);
        Assert.Equal("ClientSecret", connection.CredentialType);
    }

    [Fact]
    public void A_bot_id_is_required_unless_the_connection_uses_the_admin_console()
    {
        var settings = Settings(new Uri("https://bots.kore.ai"));
        settings.BotId = null;
        Assert.Throws<KoreValidationException>(() => new KoreConnection(settings));

        settings.AdminConsole = true;
        using var connection = new KoreConnection(settings);
        Assert.True(connection.AdminConsole);
    }

    [Fact]
    public void Connection_text_names_host_bot_and_client_but_never_the_secret()
    {
        using var connection = new KoreConnection(Settings(new Uri("https://eu-bots.kore.ai")));

        var text = connection.ToString();

        Assert.Contains("eu-bots.kore.ai", text, StringComparison.Ordinal);
        Assert.Contains("st-1", text, StringComparison.Ordinal);
        Assert.Contains("cs-abc", text, StringComparison.Ordinal);
        Assert.DoesNotContain(Secret, text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(KoreRegion.US, "https://bots.kore.ai/")]
    [InlineData(KoreRegion.EU, "https://eu-bots.kore.ai/")]
    [InlineData(KoreRegion.DE, "https://de-bots.kore.ai/")]
    [InlineData(KoreRegion.AU, "https://au-bots.kore.ai/")]
    [InlineData(KoreRegion.JP, "https://jp-bots.kore.ai/")]
    [InlineData(KoreRegion.IN, "https://ind-bots.kore.ai/")]
    [InlineData(KoreRegion.UAE, "https://uae-platform.kore.ai/")]
    public void Regions_map_to_their_hosts(KoreRegion region, string expected)
    {
        Assert.Equal(new Uri(expected), KoreConnectionSettings.BaseUriOf(region));
        Assert.Equal(new Uri(expected), KoreConnectionSettings.ParseBaseUri(region.ToString().ToLowerInvariant()));
    }

    [Fact]
    public void A_host_name_becomes_an_https_url()
    {
        Assert.Equal(new Uri("https://platform.kore.ai/"), KoreConnectionSettings.ParseBaseUri("platform.kore.ai"));
        Assert.Equal(new Uri("http://127.0.0.1:5080/"), KoreConnectionSettings.ParseBaseUri("http://127.0.0.1:5080"));
    }

    [Fact]
    public void The_user_agent_names_korehistory_and_its_version()
    {
        Assert.Matches(@"^KoreHistory/\d+\.\d+\.\d+", new KoreConnectionSettings().UserAgent);
    }

    [Fact]
    public void Bad_limits_are_refused_before_anything_is_sent()
    {
        var settings = Settings(new Uri("https://bots.kore.ai"));
        settings.RequestsPerMinute = 0;
        Assert.Throws<KoreValidationException>(() => new KoreConnection(settings));
    }

    private static KoreConnectionSettings Settings(Uri baseUri) => new()
    {
        BaseUri = baseUri,
        BotId = "st-1",
        Credential = KoreCredential.FromClientSecret("cs-abc", TestSecrets.Secure(Secret)),
    };
}
