using System.Diagnostics;
using System.Net;

namespace KoreHistory.Emulator.Tests;

/// The public hosting API other suites rely on, the command line and the start-up banner.
public sealed class HostingTests
{
    [Fact]
    public async Task Starts_on_a_free_loopback_port_and_stops_on_dispose()
    {
        var server = await EmulatorServer.StartAsync(EmulatorFixture.SmallOptions(20));
        await using var second = await EmulatorServer.StartAsync(EmulatorFixture.SmallOptions(20));
        Assert.Equal("127.0.0.1", server.BaseUri.Host);
        Assert.True(server.BaseUri.Port > 0);
        Assert.NotEqual(server.BaseUri.Port, second.BaseUri.Port);
        using var api = new Api(server);
        Assert.Equal(HttpStatusCode.OK, (await api.Sessions(new { })).Status);
        await server.DisposeAsync();
        await Assert.ThrowsAsync<HttpRequestException>(() => api.Sessions(new { }));
        await server.DisposeAsync();
    }

    [Fact]
    public void Defaults_match_the_team_contract()
    {
        var o = new EmulatorOptions();
        Assert.Equal(1, o.Seed);
        Assert.Equal(2000, o.Sessions);
        Assert.Equal(30, o.Days);
        Assert.Equal(8, o.MessagesPerSession);
        Assert.Null(o.Now);
        Assert.StartsWith("st-", o.BotId, StringComparison.Ordinal);
        Assert.Equal("http://127.0.0.1:0", o.Urls);
        Assert.Equal(0, o.LatencyMs);
        Assert.Equal(0, o.FaultRate);
        Assert.Empty(o.FaultKinds);
        Assert.Empty(o.ExtraApps);
    }

    [Fact]
    public async Task Without_a_pinned_now_the_history_ends_at_start_up()
    {
        var options = EmulatorFixture.SmallOptions(50);
        options.Now = null;
        var before = DateTimeOffset.UtcNow;
        await using var server = await EmulatorServer.StartAsync(options);
        Assert.InRange(server.Data.Now, before.AddSeconds(-1), DateTimeOffset.UtcNow);
        Assert.All(server.Data.Sessions, s => Assert.True(s.StartTime < server.Data.Now));
        using var api = new Api(server);
        var r = await api.Sessions(new { limit = 1000 });
        Assert.Equal(Truth.Sessions(server.Data, server.Options.BotId, server.Data.Now - Truth.Week, server.Data.Now).Count, r.Total);
    }

    [Fact]
    public async Task An_empty_secret_is_refused_before_listening()
    {
        var options = EmulatorFixture.SmallOptions(10);
        options.ClientSecret = "";
        var e = await Assert.ThrowsAsync<ArgumentException>(() => EmulatorServer.StartAsync(options));
        Assert.Contains("ClientSecret", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Days")]
    [InlineData("FaultRate")]
    [InlineData("PerMinute")]
    [InlineData("MessagesPerSession")]
    public async Task Bad_options_are_refused_naming_the_option(string name)
    {
        var options = EmulatorFixture.SmallOptions(10);
        switch (name)
        {
            case "Days": options.Days = 0; break;
            case "FaultRate": options.FaultRate = 1.5; break;
            case "PerMinute": options.PerMinute = 0; break;
            default: options.MessagesPerSession = 0; break;
        }
        var e = await Assert.ThrowsAsync<ArgumentException>(() => EmulatorServer.StartAsync(options));
        Assert.Contains(name, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_command_line_sets_every_option()
    {
        var o = EmulatorCommandLine.Parse([
            "--urls", "http://127.0.0.1:5080", "--seed", "9", "--sessions", "125000", "--days", "3", "--messages-per-session", "2.5",
            "--client-id", "cs-x", "--client-secret", "secret-secret-secret-secret-secret-1", "--bot-id", "st-abc",
            "--admin-client-id", "cs-a", "--admin-client-secret", "admin-admin-admin-admin-admin-admin-2",
            "--per-minute", "6", "--per-hour", "18", "--latency-ms", "15", "--fault-rate", "0.25",
            "--fault-kinds", "BadGateway502, DropConnection,timeout"]);
        Assert.Equal("http://127.0.0.1:5080", o.Urls);
        Assert.Equal(9, o.Seed);
        Assert.Equal(125000, o.Sessions);
        Assert.Equal(3, o.Days);
        Assert.Equal(2.5, o.MessagesPerSession);
        Assert.Equal("cs-x", o.ClientId);
        Assert.Equal("secret-secret-secret-secret-secret-1", o.ClientSecret);
        Assert.Equal("st-abc", o.BotId);
        Assert.Equal("cs-a", o.AdminClientId);
        Assert.Equal("admin-admin-admin-admin-admin-admin-2", o.AdminClientSecret);
        Assert.Equal(6, o.PerMinute);
        Assert.Equal(18, o.PerHour);
        Assert.Equal(15, o.LatencyMs);
        Assert.Equal(0.25, o.FaultRate);
        Assert.Equal([FaultKind.BadGateway502, FaultKind.DropConnection, FaultKind.Timeout], o.FaultKinds);
    }

    [Fact]
    public void The_command_line_sets_short_rate_limit_windows()
    {
        var o = EmulatorCommandLine.Parse(["--minute-window-seconds", "2.5", "--hour-window-seconds=30"]);
        Assert.Equal(TimeSpan.FromSeconds(2.5), o.MinuteWindow);
        Assert.Equal(TimeSpan.FromSeconds(30), o.HourWindow);
        Assert.Equal(TimeSpan.FromSeconds(60), EmulatorCommandLine.Parse([]).MinuteWindow);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-1")]
    [InlineData("soon")]
    public void A_rate_limit_window_must_be_a_positive_number_of_seconds(string value)
    {
        var e = Assert.Throws<ArgumentException>(() => EmulatorCommandLine.Parse(["--minute-window-seconds", value]));
        Assert.Contains("--minute-window-seconds", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_command_line_accepts_name_equals_value()
    {
        var o = EmulatorCommandLine.Parse(["--seed=4", "--sessions=10"]);
        Assert.Equal(4, o.Seed);
        Assert.Equal(10, o.Sessions);
    }

    [Theory]
    [InlineData("--bogus", "1", "--bogus")]
    [InlineData("--seed", "one", "--seed")]
    [InlineData("--fault-rate", "lots", "--fault-rate")]
    [InlineData("--fault-kinds", "Meteor", "Meteor")]
    [InlineData("--days", "0", "Days")]
    [InlineData("positional", "x", "positional")]
    public void Bad_command_lines_name_the_culprit(string name, string value, string named)
    {
        var e = Assert.Throws<ArgumentException>(() => EmulatorCommandLine.Parse([name, value]));
        Assert.Contains(named, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_option_without_its_value_is_refused()
    {
        var e = Assert.Throws<ArgumentException>(() => EmulatorCommandLine.Parse(["--seed"]));
        Assert.Contains("--seed", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_banner_has_the_contract_format()
    {
        await using var server = await EmulatorServer.StartAsync(EmulatorFixture.SmallOptions(10));
        var lines = EmulatorCommandLine.Banner(server).Split(Environment.NewLine);
        Assert.Equal(
        [
            "KoreHistory emulator — these are emulator credentials, not real ones",
            $"  Base URL:            http://127.0.0.1:{server.BaseUri.Port}",
            $"  Bot id:              {server.Options.BotId}",
            $"  Other bot ids:       {server.Data.BotIds[1]}, {server.Data.BotIds[2]} (admin-console app only)",
            $"  Client id:           {server.Options.ClientId}",
            $"  Client secret:       {server.Options.ClientSecret}",
            $"  Admin client id:     {server.Options.AdminClientId}",
            $"  Admin client secret: {server.Options.AdminClientSecret}",
        ], lines);
    }

    [Fact]
    public async Task The_command_line_emulator_answers_a_jwt_signed_request()
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "KoreHistory.Emulator.dll");
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[] { dll, "--urls", "http://127.0.0.1:0", "--seed", "1", "--sessions", "200", "--days", "30",
                     "--client-id", "cs-process-test", "--client-secret", "process-test-secret-0123456789abcdef",
                     "--bot-id", "st-process-test", "--per-minute", "60", "--per-hour", "1800", "--latency-ms", "0", "--fault-rate", "0" })
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        try
        {
            var banner = new Dictionary<string, string>();
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            while (!banner.ContainsKey("Admin client secret"))
            {
                var line = await process.StandardOutput.ReadLineAsync(timeout.Token)
                    ?? throw new InvalidOperationException("emulator exited: " + await process.StandardError.ReadToEndAsync());
                var colon = line.IndexOf(':', StringComparison.Ordinal);
                if (line.StartsWith("  ", StringComparison.Ordinal) && colon > 0) banner[line[..colon].Trim()] = line[(colon + 1)..].Trim();
            }
            Assert.Equal("st-process-test", banner["Bot id"]);
            Assert.Equal("cs-process-test", banner["Client id"]);
            Assert.Equal("process-test-secret-0123456789abcdef", banner["Client secret"]);
            Assert.Equal("cs-emulator-admin", banner["Admin client id"]);

            using var http = new HttpClient { BaseAddress = new Uri(banner["Base URL"]) };
            using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/public/bot/{banner["Bot id"]}/getSessions");
            request.Headers.Add("auth", Tokens.Mint(banner["Client id"], banner["Client secret"]));
            request.Content = new StringContent("{\"limit\":5}", System.Text.Encoding.UTF8, "application/json");
            using var response = await http.SendAsync(request);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var body = System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
            Assert.Equal(5, body.GetProperty("sessions").GetArrayLength());
            Assert.True(body.GetProperty("total").GetInt32() > 5);
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
    }

    [Fact]
    public async Task An_emulator_without_sessions_answers_empty_pages()
    {
        var options = EmulatorFixture.SmallOptions(0);
        await using var server = await EmulatorServer.StartAsync(options);
        using var api = new Api(server);
        var sessions = await api.Sessions(new { });
        Assert.Equal(0, sessions.Total);
        Assert.False(sessions.MoreAvailable);
        var messages = await api.Messages(new { });
        Assert.Equal(0, messages.Total);
        Assert.Empty(messages.Ids("messages", "_id"));
    }

    [Fact]
    public async Task A_client_id_registered_twice_is_refused()
    {
        var options = EmulatorFixture.SmallOptions(10);
        options.ExtraApps.Add(new EmulatorApp { ClientId = options.ClientId, ClientSecret = "another-secret-for-the-same-client-id", Bots = [options.BotId] });
        var e = await Assert.ThrowsAsync<ArgumentException>(() => EmulatorServer.StartAsync(options));
        Assert.Contains(options.ClientId, e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("another-secret", e.Message, StringComparison.Ordinal);
    }
}
