using System.IdentityModel.Tokens.Jwt;
using System.Text;
using KoreHistory.Emulator;
using Microsoft.IdentityModel.Tokens;

namespace KoreHistory.Client.Tests;

public sealed class AuthenticationTests : IClassFixture<SmallEmulator>
{
    private readonly SmallEmulator emulator;
    private readonly DateTimeOffset from = SmallEmulator.Now.AddDays(-5);

    public AuthenticationTests(SmallEmulator emulator)
    {
        this.emulator = emulator;
    }

    [Fact]
    public async Task A_ready_made_token_is_used_as_is()
    {
        var token = Token(emulator.Server.Options.ClientId, emulator.Server.Options.ClientSecret, DateTime.UtcNow.AddMinutes(30));
        using var connection = emulator.Connect(credential: KoreCredential.FromToken(TestSecrets.Secure(token)));

        var sessions = await connection.GetSessions(new KoreSessionQuery { From = from }).CollectAsync();

        Assert.Equal(emulator.SessionsBetween(from, SmallEmulator.Now, emulator.BotId).Count, sessions.Count);
        Assert.Equal("Token", connection.CredentialType);
    }

    [Fact]
    public async Task An_expired_ready_made_token_fails_clearly_before_anything_is_sent()
    {
        var expiry = DateTime.UtcNow.AddMinutes(-5);
        var token = Token(emulator.Server.Options.ClientId, emulator.Server.Options.ClientSecret, expiry);
        using var connection = emulator.Connect(credential: KoreCredential.FromToken(TestSecrets.Secure(token)));
        var before = emulator.Server.Stats.TotalRequests;

        var error = await Assert.ThrowsAsync<KoreAuthenticationException>(() => connection.GetMessages(new KoreMessageQuery { From = from }).CollectAsync());

        Assert.Contains("ready-made token expired at", error.Message, StringComparison.Ordinal);
        Assert.Contains("fresh token", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(token, error.Message, StringComparison.Ordinal);
        Assert.Equal(before, emulator.Server.Stats.TotalRequests);
    }

    [Fact]
    public async Task A_ready_made_token_the_server_refuses_is_not_retried_and_says_so()
    {
        var token = Token(emulator.Server.Options.ClientId, "not-the-secret-not-the-secret-not-the-secret", DateTime.UtcNow.AddMinutes(30));
        using var connection = emulator.Connect(credential: KoreCredential.FromToken(TestSecrets.Secure(token)));
        var log = new RequestRecorder();

        var error = await Assert.ThrowsAsync<KoreAuthenticationException>(() => connection.GetSessions(new KoreSessionQuery { From = from }, log.Options).CollectAsync());

        Assert.Equal(401, error.StatusCode);
        Assert.Equal("Invalid JWT token", error.ApiMessage);
        Assert.Contains("ready-made token", error.Message, StringComparison.Ordinal);
        Assert.Single(log.Entries);
    }

    [Fact]
    public async Task A_wrong_client_secret_is_an_authentication_error_naming_the_client_id()
    {
        using var connection = emulator.Connect(credential: KoreCredential.FromClientSecret(emulator.Server.Options.ClientId, TestSecrets.Secure("wrong-secret-wrong-secret-wrong-secret")));

        var error = await Assert.ThrowsAsync<KoreAuthenticationException>(() => connection.GetSessions(new KoreSessionQuery { From = from }).CollectAsync());

        Assert.Equal(401, error.StatusCode);
        Assert.Contains(emulator.Server.Options.ClientId, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_app_that_enforces_jti_accepts_a_long_read_because_every_request_has_a_new_token()
    {
        using var connection = emulator.Connect(credential: KoreCredential.FromClientSecret("cs-jti", TestSecrets.Secure(SmallEmulator.JtiSecret)));

        var messages = await connection.GetMessages(new KoreMessageQuery { From = from, To = SmallEmulator.Now, PageSize = 10 }).CollectAsync();

        Assert.Equal(emulator.MessagesBetween(from, SmallEmulator.Now).Count, messages.Count);
    }

    [Fact]
    public async Task A_client_secret_shorter_than_256_bits_still_signs_tokens_the_server_accepts()
    {
        using var connection = emulator.Connect(credential: KoreCredential.FromClientSecret("cs-short", TestSecrets.Secure(SmallEmulator.ShortSecret)));

        var sessions = await connection.GetSessions(new KoreSessionQuery { From = from }).CollectAsync();

        Assert.Equal(emulator.SessionsBetween(from, SmallEmulator.Now, emulator.BotId).Count, sessions.Count);
    }

    [Fact]
    public async Task An_app_without_the_scope_gets_the_apis_permission_message()
    {
        using var connection = emulator.Connect(credential: KoreCredential.FromClientSecret("cs-noscope", TestSecrets.Secure(SmallEmulator.JtiSecret)));

        var error = await Assert.ThrowsAsync<KoreAuthenticationException>(() => connection.GetMessages(new KoreMessageQuery { From = from }).CollectAsync());

        Assert.Equal("Permission denied. Scope is incorrect!", error.ApiMessage);
        Assert.Equal(4002, error.KoreCode);
    }

    [Fact]
    public async Task A_full_run_captured_end_to_end_contains_neither_the_secret_nor_any_token()
    {
        var options = emulator.Server.Options;
        var captured = new StringBuilder();
        var readOptions = new KoreReadOptions { OnRequest = entry => { lock (captured) { captured.AppendLine(entry.ToString()).AppendLine(entry.Body); } } };
        var readyMade = Token(options.ClientId, options.ClientSecret, DateTime.UtcNow.AddMinutes(-1));

        using (var connection = emulator.Connect())
        {
            captured.AppendLine(connection.ToString());
            foreach (var session in await connection.GetSessions(new KoreSessionQuery { From = from }, readOptions).CollectAsync())
            {
                captured.AppendLine(session.ToString()).AppendLine(session.Raw.ToString());
            }

            emulator.Server.Faults.FailNext(1, FaultKind.Unauthorized401);
            foreach (var message in await connection.GetMessages(new KoreMessageQuery { From = from, PageSize = 25 }, readOptions).CollectAsync())
            {
                captured.AppendLine(message.ToString()).AppendLine(message.Raw.ToString());
            }
        }

        var failures = new List<Func<KoreConnection>>
        {
            () => emulator.Connect(credential: KoreCredential.FromClientSecret(options.ClientId, TestSecrets.Secure(options.ClientSecret + "x"))),
            () => emulator.Connect(credential: KoreCredential.FromToken(TestSecrets.Secure(readyMade))),
        };
        foreach (var connect in failures)
        {
            using var connection = connect();
            captured.AppendLine(connection.ToString());
            var error = await Assert.ThrowsAnyAsync<KoreException>(() => connection.GetMessages(new KoreMessageQuery { From = from }, readOptions).CollectAsync());
            captured.AppendLine(error.ToString());
        }

        var text = captured.ToString();
        Assert.Contains("getMessages", text, StringComparison.Ordinal);
        Assert.DoesNotContain(options.ClientSecret, text, StringComparison.Ordinal);
        Assert.DoesNotContain("eyJ", text, StringComparison.Ordinal);
        Assert.DoesNotContain(readyMade, text, StringComparison.Ordinal);
        Assert.DoesNotContain("auth:", text, StringComparison.OrdinalIgnoreCase);
    }

    private static string Token(string clientId, string secret, DateTime expires)
    {
        var handler = new JwtSecurityTokenHandler();
        var key = new SymmetricSecurityKey(Encoding.UTF8.GetBytes(secret));
        return handler.WriteToken(new JwtSecurityToken(
            claims: [new System.Security.Claims.Claim("appId", clientId), new System.Security.Claims.Claim("sub", "tests")],
            notBefore: expires.AddHours(-1),
            expires: expires,
            signingCredentials: new SigningCredentials(key, SecurityAlgorithms.HmacSha256)));
    }
}
