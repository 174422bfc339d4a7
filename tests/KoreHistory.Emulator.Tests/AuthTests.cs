using System.Net;

namespace KoreHistory.Emulator.Tests;

[Collection(SharedEmulator.Name)]
public sealed class AuthTests : SharedEmulatorTests
{
    public AuthTests(EmulatorFixture fixture) : base(fixture) { }

    private static void AssertError(ApiResponse r, HttpStatusCode status, string msg, int code)
    {
        Assert.Equal(status, r.Status);
        Assert.Equal("application/json", r.ContentType);
        Assert.Equal(msg, r.ErrorMessage);
        Assert.Equal(code, r.ErrorCode);
    }

    public static TheoryData<string, string> AllRoutes() => new()
    {
        { "POST", $"/api/public/bot/{EmulatorOptions.DefaultBotId}/getSessions" },
        { "POST", $"/api/public/bot/{EmulatorOptions.DefaultBotId}/getMessages" },
        { "POST", $"/api/public/bot/{EmulatorOptions.DefaultBotId}/getMessagesV2" },
        { "POST", "/api/public/getSessions" },
        { "POST", "/api/public/getMessages" },
    };

    [Theory]
    [MemberData(nameof(AllRoutes))]
    public async Task No_auth_header_is_invalid_sdk_credentials(string method, string path)
    {
        var r = await Api.Send(new HttpMethod(method), path, new { }, token: null);
        AssertError(r, HttpStatusCode.Unauthorized, "Invalid SDK credentials", 4002);
    }

    [Fact]
    public async Task Bearer_authorization_header_is_not_the_auth_header()
    {
        var r = await Api.Send(HttpMethod.Post, Api.SessionsPath, new { }, Tokens.Demo(Server), header: "Authorization");
        AssertError(r, HttpStatusCode.Unauthorized, "Invalid SDK credentials", 4002);
    }

    [Theory]
    [InlineData("not-a-jwt")]
    [InlineData("a.b.c")]
    [InlineData("eyJhbGciOiJIUzI1NiJ9")]
    public async Task Malformed_token_is_invalid_jwt(string token)
    {
        var r = await Api.Sessions(new { }, token);
        AssertError(r, HttpStatusCode.Unauthorized, "Invalid JWT token", 4002);
        Assert.DoesNotContain(token, r.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Token_signed_with_the_wrong_secret_is_invalid_jwt()
    {
        var token = Tokens.Mint(Server.Options.ClientId, "a-completely-different-secret-of-enough-length");
        AssertError(await Api.Sessions(new { }, token), HttpStatusCode.Unauthorized, "Invalid JWT token", 4002);
    }

    [Fact]
    public async Task Token_with_a_tampered_payload_is_invalid_jwt()
    {
        var parts = Tokens.Demo(Server).Split('.');
        var other = Tokens.Mint(Server.Options.ClientId, Server.Options.ClientSecret, lifetime: TimeSpan.FromMinutes(30)).Split('.');
        var r = await Api.Sessions(new { }, $"{parts[0]}.{other[1]}.{parts[2]}");
        AssertError(r, HttpStatusCode.Unauthorized, "Invalid JWT token", 4002);
    }

    [Fact]
    public async Task Hs512_token_is_refused()
    {
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var token = Tokens.HmacSha512Signed("{\"alg\":\"HS512\",\"typ\":\"JWT\"}",
            $"{{\"appId\":\"{Server.Options.ClientId}\",\"sub\":\"x\",\"iat\":{now},\"exp\":{now + 600}}}", Server.Options.ClientSecret);
        AssertError(await Api.Sessions(new { }, token), HttpStatusCode.Unauthorized, "Invalid JWT token", 4002);
    }

    [Fact]
    public async Task Unsigned_token_is_refused()
    {
        var token = Tokens.Raw("{\"alg\":\"none\",\"typ\":\"JWT\"}", $"{{\"appId\":\"{Server.Options.ClientId}\",\"sub\":\"x\"}}", []);
        var r = await Api.Sessions(new { }, token);
        Assert.Equal(HttpStatusCode.Unauthorized, r.Status);
        Assert.Equal(4002, r.ErrorCode);
    }

    [Fact]
    public async Task Expired_token_is_invalid_jwt()
    {
        var token = Tokens.Mint(Server.Options.ClientId, Server.Options.ClientSecret, issuedAt: DateTimeOffset.UtcNow.AddHours(-2), lifetime: TimeSpan.FromHours(1));
        AssertError(await Api.Sessions(new { }, token), HttpStatusCode.Unauthorized, "Invalid JWT token", 4002);
    }

    [Fact]
    public async Task Unknown_app_is_invalid_sdk_credentials()
    {
        var token = Tokens.Mint("cs-unknown-app", Server.Options.ClientSecret);
        AssertError(await Api.Sessions(new { }, token), HttpStatusCode.Unauthorized, "Invalid SDK credentials", 4002);
    }

    [Theory]
    [InlineData("appid")]
    [InlineData("App ID")]
    [InlineData("iss")]
    public async Task Client_id_under_another_claim_name_is_invalid_sdk_credentials(string claim)
    {
        var token = Tokens.Mint(Server.Options.ClientId, Server.Options.ClientSecret, appIdClaim: claim);
        AssertError(await Api.Sessions(new { }, token), HttpStatusCode.Unauthorized, "Invalid SDK credentials", 4002);
    }

    [Fact]
    public async Task Token_without_expiry_is_accepted_for_an_app_that_does_not_enforce_jti()
    {
        var token = Tokens.Mint(Server.Options.ClientId, Server.Options.ClientSecret, withExpiry: false);
        Assert.Equal(HttpStatusCode.OK, (await Api.Sessions(new { }, token)).Status);
    }

    [Fact]
    public async Task Token_without_jti_can_be_reused_by_an_app_that_does_not_enforce_jti()
    {
        var token = Tokens.Demo(Server);
        for (var i = 0; i < 3; i++) Assert.Equal(HttpStatusCode.OK, (await Api.Sessions(new { }, token)).Status);
    }

    [Fact]
    public async Task Bot_app_cannot_read_another_bot()
    {
        var otherBot = Server.Data.BotIds[1];
        var r = await Api.Send(HttpMethod.Post, $"/api/public/bot/{otherBot}/getSessions", new { }, Tokens.Demo(Server));
        AssertError(r, HttpStatusCode.Unauthorized, "Invalid SDK credentials", 4002);
        r = await Api.Send(HttpMethod.Post, $"/api/public/bot/{otherBot}/getMessages", new { }, Tokens.Demo(Server));
        AssertError(r, HttpStatusCode.Unauthorized, "Invalid SDK credentials", 4002);
    }

    [Fact]
    public async Task Unknown_bot_id_is_invalid_sdk_credentials_even_for_the_admin_app()
    {
        var r = await Api.Send(HttpMethod.Post, "/api/public/bot/st-no-such-bot/getSessions", new { }, Tokens.Admin(Server));
        AssertError(r, HttpStatusCode.Unauthorized, "Invalid SDK credentials", 4002);
    }

    [Theory]
    [InlineData("/api/public/getSessions")]
    [InlineData("/api/public/getMessages")]
    public async Task Bot_app_cannot_use_admin_routes(string path)
    {
        var r = await Api.Send(HttpMethod.Post, path, new { }, Tokens.Demo(Server));
        AssertError(r, HttpStatusCode.Unauthorized, "Invalid SDK credentials", 4002);
    }

    [Fact]
    public async Task Admin_app_reads_admin_routes_and_any_bot_route()
    {
        var admin = Tokens.Admin(Server);
        Assert.Equal(HttpStatusCode.OK, (await Api.Send(HttpMethod.Post, "/api/public/getSessions", new { }, admin)).Status);
        Assert.Equal(HttpStatusCode.OK, (await Api.Send(HttpMethod.Post, "/api/public/getMessages", new { }, admin)).Status);
        foreach (var bot in Server.Data.BotIds)
            Assert.Equal(HttpStatusCode.OK, (await Api.Send(HttpMethod.Post, $"/api/public/bot/{bot}/getSessions", new { }, admin)).Status);
    }

    [Fact]
    public async Task App_without_the_sessions_scope_cannot_read_sessions_but_reads_messages()
    {
        var app = EmulatorFixture.MessagesOnly;
        AssertError(await Api.Sessions(new { }, Tokens.For(app)), HttpStatusCode.Unauthorized, "Permission denied. Scope is incorrect!", 4002);
        Assert.Equal(HttpStatusCode.OK, (await Api.Messages(new { }, Tokens.For(app))).Status);
    }

    [Fact]
    public async Task App_without_the_chat_history_scope_cannot_read_messages_but_reads_sessions()
    {
        var app = EmulatorFixture.SessionsOnly;
        AssertError(await Api.Messages(new { }, Tokens.For(app)), HttpStatusCode.Unauthorized, "Permission denied. Scope is incorrect!", 4002);
        AssertError(await Api.MessagesV2(new { }, Tokens.For(app)), HttpStatusCode.Unauthorized, "Permission denied. Scope is incorrect!", 4002);
        Assert.Equal(HttpStatusCode.OK, (await Api.Sessions(new { }, Tokens.For(app))).Status);
    }

    [Fact]
    public async Task Jti_app_refuses_a_token_without_jti()
    {
        var r = await Api.Sessions(new { }, Tokens.For(EmulatorFixture.JtiApp));
        Assert.Equal(HttpStatusCode.Unauthorized, r.Status);
        Assert.Equal(401, r.ErrorCode);
        Assert.StartsWith("error verifying the jwt", r.ErrorMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Jti_app_refuses_an_expiry_more_than_an_hour_after_issue()
    {
        var app = EmulatorFixture.JtiApp;
        var token = Tokens.Mint(app.ClientId, app.ClientSecret, jti: Guid.NewGuid().ToString(), lifetime: TimeSpan.FromSeconds(3601));
        AssertError(await Api.Sessions(new { }, token), HttpStatusCode.Unauthorized,
            "error verifying the jwt: if \"jti\" claim \"exp\" must be <= 1 hour(s)", 401);
    }

    [Fact]
    public async Task Jti_app_accepts_exactly_one_hour()
    {
        var app = EmulatorFixture.JtiApp;
        var token = Tokens.Mint(app.ClientId, app.ClientSecret, jti: Guid.NewGuid().ToString(), lifetime: TimeSpan.FromHours(1));
        Assert.Equal(HttpStatusCode.OK, (await Api.Sessions(new { }, token)).Status);
    }

    [Fact]
    public async Task Jti_app_refuses_a_replayed_token_and_accepts_fresh_ones()
    {
        var app = EmulatorFixture.JtiApp;
        var token = Tokens.For(app, Guid.NewGuid().ToString());
        Assert.Equal(HttpStatusCode.OK, (await Api.Sessions(new { }, token)).Status);
        AssertError(await Api.Sessions(new { }, token), HttpStatusCode.Unauthorized, "error verifying the jwt: possibly a replay", 401);
        AssertError(await Api.Messages(new { }, token), HttpStatusCode.Unauthorized, "error verifying the jwt: possibly a replay", 401);
        Assert.Equal(HttpStatusCode.OK, (await Api.Sessions(new { }, Tokens.For(app, Guid.NewGuid().ToString()))).Status);
    }

    [Fact]
    public async Task A_jti_token_of_an_app_that_does_not_enforce_jti_is_still_single_use()
    {
        var token = Tokens.Mint(Server.Options.ClientId, Server.Options.ClientSecret, jti: Guid.NewGuid().ToString());
        Assert.Equal(HttpStatusCode.OK, (await Api.Sessions(new { }, token)).Status);
        AssertError(await Api.Sessions(new { }, token), HttpStatusCode.Unauthorized, "error verifying the jwt: possibly a replay", 401);
    }

    [Theory]
    [InlineData("GET", "getSessions")]
    [InlineData("PUT", "getSessions")]
    [InlineData("DELETE", "getSessions")]
    [InlineData("PUT", "getMessages")]
    [InlineData("DELETE", "getMessages")]
    [InlineData("PATCH", "getMessagesV2")]
    public async Task Wrong_verb_is_method_not_allowed_even_without_credentials(string method, string api)
    {
        foreach (var path in new[] { $"/api/public/bot/{EmulatorOptions.DefaultBotId}/{api}", $"/api/public/{api}" })
        {
            if (path == "/api/public/getMessagesV2") continue;
            var r = await this.Api.Send(new HttpMethod(method), path, null, token: null);
            AssertError(r, HttpStatusCode.MethodNotAllowed, "Method Not Allowed", 405);
        }
    }

    [Fact]
    public async Task A_jti_token_without_iat_or_exp_is_refused()
    {
        var app = EmulatorFixture.JtiApp;
        var withoutExp = Tokens.Mint(app.ClientId, app.ClientSecret, jti: Guid.NewGuid().ToString(), withExpiry: false);
        AssertError(await Api.Sessions(new { }, withoutExp), HttpStatusCode.Unauthorized,
            "error verifying the jwt: if \"jti\" claim \"exp\" must be <= 1 hour(s)", 401);
    }

    [Fact]
    public async Task Errors_never_echo_the_token()
    {
        var token = Tokens.Mint(Server.Options.ClientId, "a-completely-different-secret-of-enough-length");
        foreach (var r in new[] { await Api.Sessions(new { }, token), await Api.Messages(new { limit = 0 }), await Api.Sessions(new { }, token + "x") })
        {
            Assert.DoesNotContain(token, r.Body, StringComparison.Ordinal);
            Assert.DoesNotContain(Server.Options.ClientSecret, r.Body, StringComparison.Ordinal);
        }
    }

    private static string ShortSecretPayload(string appId) =>
        $"{{\"appId\":\"{appId}\",\"sub\":\"x\",\"iat\":{DateTimeOffset.UtcNow.ToUnixTimeSeconds()},\"exp\":{DateTimeOffset.UtcNow.AddMinutes(5).ToUnixTimeSeconds()}}}";

    [Fact]
    public async Task A_short_secret_signs_tokens_that_any_http_client_can_make()
    {
        var app = EmulatorFixture.ShortSecretApp;
        var token = Tokens.HmacSha256Signed("{\"alg\":\"HS256\",\"typ\":\"JWT\"}", ShortSecretPayload(app.ClientId), app.ClientSecret);
        Assert.Equal(HttpStatusCode.OK, (await Api.Sessions(new { }, token)).Status);
        var wrong = Tokens.HmacSha256Signed("{\"alg\":\"HS256\",\"typ\":\"JWT\"}", ShortSecretPayload(app.ClientId), "SECRET2");
        AssertError(await Api.Sessions(new { }, wrong), HttpStatusCode.Unauthorized, "Invalid JWT token", 4002);
        var hs512 = Tokens.HmacSha512Signed("{\"alg\":\"HS512\",\"typ\":\"JWT\"}", ShortSecretPayload(app.ClientId), app.ClientSecret);
        AssertError(await Api.Sessions(new { }, hs512), HttpStatusCode.Unauthorized, "Invalid JWT token", 4002);
        var unsigned = Tokens.Raw("{\"alg\":\"none\",\"typ\":\"JWT\"}", ShortSecretPayload(app.ClientId), []);
        Assert.Equal(HttpStatusCode.Unauthorized, (await Api.Sessions(new { }, unsigned)).Status);
    }

    [Fact]
    public async Task A_short_secret_token_still_expires()
    {
        var app = EmulatorFixture.ShortSecretApp;
        var old = DateTimeOffset.UtcNow.AddHours(-3);
        var payload = $"{{\"appId\":\"{app.ClientId}\",\"sub\":\"x\",\"iat\":{old.ToUnixTimeSeconds()},\"exp\":{old.AddHours(1).ToUnixTimeSeconds()}}}";
        var token = Tokens.HmacSha256Signed("{\"alg\":\"HS256\",\"typ\":\"JWT\"}", payload, app.ClientSecret);
        AssertError(await Api.Sessions(new { }, token), HttpStatusCode.Unauthorized, "Invalid JWT token", 4002);
    }
}
