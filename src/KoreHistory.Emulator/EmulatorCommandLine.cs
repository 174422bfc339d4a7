using System.Globalization;

namespace KoreHistory.Emulator;

/// Turns "--name value" pairs into EmulatorOptions. Unknown options and bad values throw ArgumentException
/// with a message naming the option.
public static class EmulatorCommandLine
{
    public static string UsageText =>
        "Options (all optional): --urls --seed --sessions --days --messages-per-session --client-id --client-secret " +
        "--bot-id --admin-client-id --admin-client-secret --per-minute --per-hour --minute-window-seconds --hour-window-seconds " +
        "--latency-ms --fault-rate " +
        "--fault-kinds (comma list of: " + string.Join(", ", Enum.GetNames<FaultKind>()) + ")";

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
            string Value()
            {
                if (inline is not null) return inline;
                if (i + 1 >= args.Count) throw new ArgumentException($"Option {name} needs a value.");
                return args[++i];
            }
            switch (name.ToLowerInvariant())
            {
                case "--urls": options.Urls = Value(); break;
                case "--seed": options.Seed = Int(name, Value()); break;
                case "--sessions": options.Sessions = Int(name, Value()); break;
                case "--days": options.Days = Int(name, Value()); break;
                case "--messages-per-session": options.MessagesPerSession = Double(name, Value()); break;
                case "--client-id": options.ClientId = Value(); break;
                case "--client-secret": options.ClientSecret = Value(); break;
                case "--bot-id": options.BotId = Value(); break;
                case "--admin-client-id": options.AdminClientId = Value(); break;
                case "--admin-client-secret": options.AdminClientSecret = Value(); break;
                case "--per-minute": options.PerMinute = Int(name, Value()); break;
                case "--per-hour": options.PerHour = Int(name, Value()); break;
                case "--minute-window-seconds": options.MinuteWindow = Seconds(name, Value()); break;
                case "--hour-window-seconds": options.HourWindow = Seconds(name, Value()); break;
                case "--latency-ms": options.LatencyMs = Int(name, Value()); break;
                case "--fault-rate": options.FaultRate = Double(name, Value()); break;
                case "--fault-kinds":
                    options.FaultKinds.Clear();
                    foreach (var kind in Value().Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
                        options.FaultKinds.Add(Enum.TryParse<FaultKind>(kind, ignoreCase: true, out var k) && Enum.IsDefined(k)
                            ? k
                            : throw new ArgumentException($"Option --fault-kinds: '{kind}' is not one of {string.Join(", ", Enum.GetNames<FaultKind>())}."));
                    break;
                default: throw new ArgumentException($"Unknown option {name}.");
            }
        }
        options.Validate();
        return options;
    }

    /// The start-up banner (format fixed by the team contract; parsed by build.ps1 and the Pester suite).
    public static string Banner(EmulatorServer server)
    {
        ArgumentNullException.ThrowIfNull(server);
        var o = server.Options;
        var baseUrl = server.BaseUri.GetLeftPart(UriPartial.Authority);
        return string.Join(Environment.NewLine,
            "KoreHistory emulator — these are emulator credentials, not real ones",
            $"  Base URL:            {baseUrl}",
            $"  Bot id:              {o.BotId}",
            $"  Client id:           {o.ClientId}",
            $"  Client secret:       {o.ClientSecret}",
            $"  Admin client id:     {o.AdminClientId}",
            $"  Admin client secret: {o.AdminClientSecret}");
    }

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
