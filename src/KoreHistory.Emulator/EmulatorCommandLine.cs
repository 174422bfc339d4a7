using System.Globalization;
using System.Text;

namespace KoreHistory.Emulator;

/// Turns "--name value" pairs into EmulatorOptions. Unknown options and bad values throw ArgumentException
/// with a message naming the option. Every option is described once, in Definitions, which --help prints.
public static class EmulatorCommandLine
{
    /// Exit codes of the command-line emulator.
    public const int ExitOk = 0;
    public const int ExitBadCommandLine = 2;
    public const int ExitCannotListen = 3;

    private sealed record Option(string Name, string? Value, string Meaning, Func<EmulatorOptions, string> Default, Action<EmulatorOptions, string, string> Apply)
    {
        public bool IsSwitch => Value is null;
    }

    private static readonly Option[] Definitions =
    [
        new("--urls", "URL[;URL]", "Where to listen (http only; port 0 picks a free port).", o => o.Urls, (o, _, v) => o.Urls = v),
        new("--seed", "N", "Seed of the generated history and of the random faults: the same seed, the same data.", o => Text(o.Seed), (o, n, v) => o.Seed = Int(n, v)),
        new("--sessions", "N", "Sessions of the main bot (the two other bots get 20 each).", o => Text(o.Sessions), (o, n, v) => o.Sessions = Int(n, v)),
        new("--days", "N", "Days of history, up to now.", o => Text(o.Days), (o, n, v) => o.Days = Int(n, v)),
        new("--messages-per-session", "N", "Average number of messages per session (1 to 1000).", o => Text(o.MessagesPerSession), (o, n, v) => o.MessagesPerSession = Double(n, v)),
        new("--bot-id", "ID", "Id of the main bot.", o => o.BotId, (o, _, v) => o.BotId = v),
        new("--client-id", "ID", "Client id of the demo app (bot scope, main bot).", o => o.ClientId, (o, _, v) => o.ClientId = v),
        new("--client-secret", "SECRET", "Client secret of the demo app.", _ => "an emulator-only secret, printed at start", (o, _, v) => o.ClientSecret = v),
        new("--admin-client-id", "ID", "Client id of the admin-console app (every bot).", o => o.AdminClientId, (o, _, v) => o.AdminClientId = v),
        new("--admin-client-secret", "SECRET", "Client secret of the admin-console app.", _ => "an emulator-only secret, printed at start", (o, _, v) => o.AdminClientSecret = v),
        new("--per-minute", "N", "Requests a bot may make per minute window (Kore: 60).", o => Text(o.PerMinute), (o, n, v) => o.PerMinute = Int(n, v)),
        new("--per-hour", "N", "Requests a bot may make per hour window (Kore: 1800).", o => Text(o.PerHour), (o, n, v) => o.PerHour = Int(n, v)),
        new("--minute-window-seconds", "S", "Length of the \"minute\" rate-limit window, to show pacing at a binding limit in seconds.", o => Text(o.MinuteWindow.TotalSeconds), (o, n, v) => o.MinuteWindow = Seconds(n, v)),
        new("--hour-window-seconds", "S", "Length of the \"hour\" rate-limit window.", o => Text(o.HourWindow.TotalSeconds), (o, n, v) => o.HourWindow = Seconds(n, v)),
        new("--latency-ms", "MS", "Delay before every answer.", o => Text(o.LatencyMs), (o, n, v) => o.LatencyMs = Int(n, v)),
        new("--fault-rate", "R", "Share of requests (0 to 1) answered with a random fault.", o => Text(o.FaultRate), (o, n, v) => o.FaultRate = Double(n, v)),
        new("--fault-kinds", "K[,K]", "Faults drawn at --fault-rate, from: " + string.Join(", ", Enum.GetNames<FaultKind>()) + ".", _ => "ServerError500, BadGateway502, ServiceUnavailable503", (o, n, v) => FaultKinds(o, n, v)),
        new("--no-session-id-filter", null, "Platform before v10.1.3: getSessions ignores sessionId and answers no invalidSessions.", _ => "the filter is honoured", (o, _, v) => o.Platform.SessionIdFilter = !Switch("--no-session-id-filter", v)),
        new("--inclusive-date-to", null, "A record exactly at dateTo is inside the window.", _ => "dateTo is exclusive", (o, _, v) => o.Platform.InclusiveDateTo = Switch("--inclusive-date-to", v)),
        new("--post-defaults-to-rtm", null, "POST getMessages without channelType returns only rtm, as GET does.", _ => "POST returns every channel", (o, _, v) => o.Platform.PostDefaultsToRtm = Switch("--post-defaults-to-rtm", v)),
        new("--live-rate", "R", "Live mode: new messages a second, written to the main bot's new and open sessions while the emulator runs (0: off).", o => Text(o.Live.MessagesPerSecond), (o, n, v) => o.Live.MessagesPerSecond = Double(n, v)),
        new("--live-late-share", "R", "Live mode: share (0 to 1) of the new messages written with a time in the past.", o => Text(o.Live.LateShare), (o, n, v) => o.Live.LateShare = Double(n, v)),
        new("--live-late-max-seconds", "S", "Live mode: how far in the past a late message may be.", o => Text(o.Live.LateMax.TotalSeconds), (o, n, v) => o.Live.LateMax = Seconds(n, v)),
        new("--limit-cap", "N", "Pages hold at most N records, yet moreAvailable is computed from the limit asked for.", _ => "no cap", (o, n, v) => o.Platform.LimitCap = Int(n, v)),
    ];

    /// What --help prints: every option, its meaning and its default, and the exit codes.
    public static string HelpText
    {
        get
        {
            var defaults = new EmulatorOptions();
            var text = new StringBuilder();
            text.AppendLine("KoreHistory emulator: a local stand-in for Kore.ai's Sessions History and Conversation History APIs,");
            text.AppendLine("serving generated history shaped like real tenants'. Emulator credentials only.");
            text.AppendLine();
            text.AppendLine("Usage: dotnet KoreHistory.Emulator.dll [options]        (--name value or --name=value)");
            text.AppendLine();
            text.AppendLine("Options:");
            foreach (var option in Definitions)
            {
                var name = option.IsSwitch ? option.Name : $"{option.Name} {option.Value}";
                text.Append("  ").Append(name.PadRight(30)).Append(' ').AppendLine(option.Meaning);
                text.Append(' ', 33).Append("Default: ").AppendLine(option.Default(defaults));
            }

            text.Append("  ").Append("--help, -h".PadRight(30)).Append(' ').AppendLine("Print this help and exit.");
            text.AppendLine();
            text.AppendLine("Once listening, it prints its base URL, the bots it serves and the apps' client ids and secrets; Ctrl+C stops it.");
            text.AppendLine($"Exit codes: {ExitOk} stopped normally, {ExitBadCommandLine} bad command line, {ExitCannotListen} cannot listen (address in use, bad URL).");
            return text.ToString();
        }
    }

    /// One line saying where the options are described, for error messages.
    public static string UsageText => "Run with --help for every option, its meaning and its default.";

    /// True when the arguments ask for help (--help, -h, -?, /?).
    public static bool WantsHelp(IReadOnlyList<string> args)
    {
        ArgumentNullException.ThrowIfNull(args);
        return args.Any(a => a is "--help" or "-h" or "-?" or "/?" or "--Help" or "-help");
    }

    public static EmulatorOptions Parse(IReadOnlyList<string> args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var options = new EmulatorOptions();
        for (var i = 0; i < args.Count; i++)
        {
            var name = args[i];
            string? inline = null;
            var eq = name.IndexOf('=', StringComparison.Ordinal);
            if (name.StartsWith("--", StringComparison.Ordinal) && eq > 0)
            {
                inline = name[(eq + 1)..];
                name = name[..eq];
            }

            if (!name.StartsWith("--", StringComparison.Ordinal)) throw new ArgumentException($"Unexpected argument '{name}'.");
            var option = Definitions.FirstOrDefault(d => string.Equals(d.Name, name, StringComparison.OrdinalIgnoreCase))
                ?? throw new ArgumentException($"Unknown option {name}.");
            string value;
            if (inline is not null) value = inline;
            else if (option.IsSwitch) value = "true";
            else if (i + 1 >= args.Count) throw new ArgumentException($"Option {name} needs a value ({option.Value}).");
            else value = args[++i];
            option.Apply(options, option.Name, value);
        }

        options.Validate();
        return options;
    }

    /// The start-up banner (format fixed by the team contract; parsed by build.ps1 and the Pester suite: keep the
    /// existing lines and "Admin client secret" last).
    public static string Banner(EmulatorServer server)
    {
        ArgumentNullException.ThrowIfNull(server);
        var o = server.Options;
        var baseUrl = server.BaseUri.GetLeftPart(UriPartial.Authority);
        var lines = new List<string>
        {
            "KoreHistory emulator — these are emulator credentials, not real ones",
            $"  Base URL:            {baseUrl}",
            $"  Bot id:              {o.BotId}",
            $"  Other bot ids:       {string.Join(", ", server.Data.BotIds.Skip(1))} (admin-console app only)",
        };
        if (!o.Platform.IsDefault) lines.Add($"  Platform variant:    {o.Platform.Describe()}");
        if (o.Live.IsOn) lines.Add($"  Live mode:           {Text(o.Live.MessagesPerSecond)} messages a second, {Text(o.Live.LateShare * 100)} % up to {Text(o.Live.LateMax.TotalSeconds)} s late; ground truth at {baseUrl}/emulator/ground-truth");
        lines.Add($"  Client id:           {o.ClientId}");
        lines.Add($"  Client secret:       {o.ClientSecret}");
        lines.Add($"  Admin client id:     {o.AdminClientId}");
        lines.Add($"  Admin client secret: {o.AdminClientSecret}");
        return string.Join(Environment.NewLine, lines);
    }

    private static string Text(double value) => value.ToString(CultureInfo.InvariantCulture);

    private static void FaultKinds(EmulatorOptions options, string name, string value)
    {
        options.FaultKinds.Clear();
        foreach (var kind in value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            options.FaultKinds.Add(Enum.TryParse<FaultKind>(kind, ignoreCase: true, out var k) && Enum.IsDefined(k)
                ? k
                : throw new ArgumentException($"Option {name}: '{kind}' is not one of {string.Join(", ", Enum.GetNames<FaultKind>())}."));
        }
    }

    private static bool Switch(string name, string text) =>
        text.Equals("true", StringComparison.OrdinalIgnoreCase) ? true
        : text.Equals("false", StringComparison.OrdinalIgnoreCase) ? false
        : throw new ArgumentException($"Option {name} is a switch: give it alone, or as {name}=true or {name}=false, not '{text}'.");

    private static int Int(string name, string text) =>
        int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) ? n : throw new ArgumentException($"Option {name} needs a whole number, not '{text}'.");

    // Rate-limit windows shorter than a minute / an hour, so a benchmark can show pacing at a binding limit quickly.
    private static TimeSpan Seconds(string name, string text) =>
        Double(name, text) is var seconds and > 0 and <= 86_400
            ? TimeSpan.FromSeconds(seconds)
            : throw new ArgumentException($"Option {name} needs a number of seconds above 0, not '{text}'.");

    private static double Double(string name, string text) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var n) && double.IsFinite(n)
            ? n
            : throw new ArgumentException($"Option {name} needs a number, not '{text}'.");
}
