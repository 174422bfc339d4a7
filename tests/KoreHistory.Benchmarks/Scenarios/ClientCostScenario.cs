using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using KoreHistory.Client;

namespace KoreHistory.Benchmarks.Scenarios;

// 3. Client cost: parse and map recorded getMessages pages on one thread, no network.
internal sealed class ClientCostScenario : IScenario
{
    private static readonly EmulatorSetup Setup = new(Sessions: 2500, Days: 3, MessagesPerSession: 8, PerMinute: 1_000_000, PerHour: 10_000_000, LatencyMs: 0);
    private static readonly TimeSpan Measure = TimeSpan.FromSeconds(3);

    public string Name => "client-cost";

    public async Task RunAsync(Report report)
    {
        List<byte[]> pages;
        using (var emulator = await EmulatorProcess.StartAsync(Setup).ConfigureAwait(false))
        {
            using var naive = new NaiveClient(emulator);
            var to = DateTimeOffset.UtcNow;
            pages = await naive.RecordPagesAsync(to - TimeSpan.FromDays(3), to, pages: 100).ConfigureAwait(false);
        }

        var (rate, bytesPerMessage) = Run(pages, page => PageParser.Messages(page).Items.Count);
        var (naiveRate, naiveBytes) = Run(pages, NaiveParse);
        report.Figure("pages", pages.Count, "", note: $"{pages.Sum(p => p.Length) / pages.Count / 1024.0:0} KiB each");
        report.Figure("messages-per-second", rate, "", naive: Report.Format(naiveRate), goal: "≥ 250000", met: rate >= 250_000);
        report.Figure("allocated-bytes-per-message", bytesPerMessage, "B", naive: Report.Format(naiveBytes));
    }

    // A script's way: the page into a DOM, then the fields it exports read out of it.
    private static int NaiveParse(byte[] page)
    {
        var messages = JsonNode.Parse(page)!["messages"]!.AsArray();
        var count = 0;
        foreach (var message in messages)
        {
            _ = message!["_id"]!.GetValue<string>();
            _ = message["createdOn"]!.GetValue<string>();
            _ = message["components"]?.AsArray().Select(c => c?["data"]?["text"]?.GetValue<string>()).ToList();
            count++;
        }

        return count;
    }

    // Messages a second and bytes allocated per message on this thread, after a warm-up (tiered JIT).
    private static (double Rate, double BytesPerMessage) Run(List<byte[]> pages, Func<byte[], int> parse)
    {
        var warm = Stopwatch.StartNew();
        while (warm.Elapsed < TimeSpan.FromSeconds(1))
        {
            foreach (var page in pages)
            {
                parse(page);
            }
        }

        GC.Collect();
        GC.WaitForPendingFinalizers();
        var messages = 0L;
        var allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
        var watch = Stopwatch.StartNew();
        while (watch.Elapsed < Measure)
        {
            foreach (var page in pages)
            {
                messages += parse(page);
            }
        }

        var seconds = watch.Elapsed.TotalSeconds;
        var allocated = GC.GetAllocatedBytesForCurrentThread() - allocatedBefore;
        return (messages / seconds, (double)allocated / messages);
    }
}
