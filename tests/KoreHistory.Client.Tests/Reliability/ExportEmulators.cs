using KoreHistory.Emulator;

namespace KoreHistory.Client.Tests.Reliability;

// About 20,000 messages of the main bot over 20 days (three API windows), no latency, limits out of the way:
// what a nightly export reads. One emulator per test class, so fault settings never leak between classes.
public sealed class ExportEmulator : EmulatorFixtureBase
{
    public static readonly DateTimeOffset From = Now.AddDays(-21);

    protected override void Configure(EmulatorOptions options)
    {
        options.Sessions = 2500;
        options.Days = 20;
        options.MessagesPerSession = 8;
        options.LatencyMs = 0;
    }

    // Ground truth from the emulator's data, sorted (duplicates kept, so a duplicate export cannot compare equal).
    public List<string> TruthIds() =>
        MessagesBetween(From, Now).Select(m => m.MessageId).Order(StringComparer.Ordinal).ToList();

    public static KoreMessageQuery ExportQuery() => new() { From = From, To = Now, PageSize = KoreMessageQuery.MaxPageSize };
}

internal static class Export
{
    // Reads every message of the query, returning ids sorted (duplicates kept).
    public static async Task<List<string>> IdsAsync(KoreConnection connection, KoreMessageQuery query, KoreReadOptions? options = null)
    {
        var ids = new List<string>();
        await foreach (var message in connection.GetMessages(query, options))
        {
            ids.Add(message.MessageId);
        }

        ids.Sort(StringComparer.Ordinal);
        return ids;
    }

    // Describes the difference in a way a failing assertion can show: counts, missing and repeated ids.
    public static string Difference(IReadOnlyList<string> expected, IReadOnlyList<string> actual)
    {
        var missing = expected.Except(actual, StringComparer.Ordinal).Take(5).ToList();
        var repeated = actual.GroupBy(id => id, StringComparer.Ordinal).Where(g => g.Count() > 1).Select(g => g.Key).Take(5).ToList();
        return $"expected {expected.Count}, exported {actual.Count}; missing e.g. [{string.Join(", ", missing)}]; repeated e.g. [{string.Join(", ", repeated)}]";
    }
}
