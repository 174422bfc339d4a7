using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;

namespace KoreHistory.Emulator.Tests;

/// Issue 13 item 9 and issue 11: the emulator as a command-line tool (its process is tested in tests/Pester/Emulator.Tests.ps1).
public sealed partial class CommandLineTests
{
    [GeneratedRegex(@"^  (--[a-z-]+)( [A-Z\[\],;]+)?\s{2,}\S", RegexOptions.Multiline)]
    private static partial Regex OptionLine();

    [Fact]
    public void Help_describes_every_option_with_its_default_and_each_one_it_names_parses()
    {
        var help = EmulatorCommandLine.HelpText;
        var options = OptionLine().Matches(help).Select(m => (Name: m.Groups[1].Value, TakesValue: m.Groups[2].Success)).ToList();
        Assert.Equal(24, options.Count);
        Assert.Equal(options.Count, Regex.Count(help, "^ +Default: ", RegexOptions.Multiline));
        foreach (var (name, takesValue) in options)
        {
            var sample = name switch
            {
                "--urls" => "http://127.0.0.1:0",
                "--fault-kinds" => "Timeout",
                "--fault-rate" or "--live-late-share" => "0.5",
                "--bot-id" or "--client-id" or "--client-secret" or "--admin-client-id" or "--admin-client-secret" => "x-" + name.TrimStart('-'),
                _ => "3",
            };
            var parsed = EmulatorCommandLine.Parse(takesValue ? [name, sample] : [name]);
            Assert.NotNull(parsed);
        }

        Assert.Contains("Default: 2000", help, StringComparison.Ordinal);
        Assert.Contains("Exit codes: 0", help, StringComparison.Ordinal);
        Assert.DoesNotContain(new EmulatorOptions().ClientSecret, help, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--help")]
    [InlineData("-h")]
    [InlineData("-?")]
    public void Help_is_asked_for_with_the_usual_spellings(string argument) =>
        Assert.True(EmulatorCommandLine.WantsHelp(["--seed", "3", argument]));

    [Fact]
    public void Platform_switches_set_the_variants_and_take_true_or_false()
    {
        var options = EmulatorCommandLine.Parse(["--no-session-id-filter", "--inclusive-date-to", "--post-defaults-to-rtm=true", "--limit-cap", "40"]);
        Assert.False(options.Platform.SessionIdFilter);
        Assert.True(options.Platform.InclusiveDateTo);
        Assert.True(options.Platform.PostDefaultsToRtm);
        Assert.Equal(40, options.Platform.LimitCap);
        Assert.True(EmulatorCommandLine.Parse(["--no-session-id-filter=false"]).Platform.IsDefault);

        var e = Assert.Throws<ArgumentException>(() => EmulatorCommandLine.Parse(["--inclusive-date-to=maybe"]));
        Assert.Contains("--inclusive-date-to", e.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => EmulatorCommandLine.Parse(["--limit-cap", "0"]));
    }

    [Fact]
    public async Task The_banner_names_a_platform_variant_only_when_one_is_set()
    {
        var options = EmulatorFixture.SmallOptions(10);
        options.Platform.SessionIdFilter = false;
        options.Platform.LimitCap = 40;
        await using var server = await EmulatorServer.StartAsync(options);
        var banner = EmulatorCommandLine.Banner(server);
        Assert.Contains("  Platform variant:    no getSessions sessionId filter (before v10.1.3), limit silently capped at 40", banner, StringComparison.Ordinal);
        Assert.EndsWith($"  Admin client secret: {options.AdminClientSecret}", banner, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_port_in_use_is_an_emulator_listen_exception_that_says_so()
    {
        using var holder = new TcpListener(IPAddress.Loopback, 0);
        holder.Start();
        var port = ((IPEndPoint)holder.LocalEndpoint).Port;
        var options = EmulatorFixture.SmallOptions(10);
        options.Urls = $"http://127.0.0.1:{port}";
        var e = await Assert.ThrowsAsync<EmulatorListenException>(() => EmulatorServer.StartAsync(options));
        Assert.Contains("address already in use", e.Message, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("--urls", e.Message, StringComparison.Ordinal);
    }
}
