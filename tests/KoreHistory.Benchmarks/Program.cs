using System.Diagnostics;
using KoreHistory.Benchmarks;

// dotnet run -c Release --project tests/KoreHistory.Benchmarks [-- scenario-name-filter ...]
#if DEBUG
Console.WriteLine("warning: a Debug build; run with -c Release for figures worth comparing");
#endif
Console.WriteLine($"cores: {Environment.ProcessorCount}");
Console.WriteLine($"runtime: {System.Runtime.InteropServices.RuntimeInformation.FrameworkDescription}");
var selected = ScenarioRegistry.All
    .Where(s => args.Length == 0 || args.Any(filter => s.Name.Contains(filter, StringComparison.OrdinalIgnoreCase)))
    .ToList();
if (selected.Count == 0)
{
    Console.Error.WriteLine($"No scenario matches {string.Join(", ", args)}; scenarios: {string.Join(", ", ScenarioRegistry.All.Select(s => s.Name))}");
    return 2;
}

var missed = 0;
var total = Stopwatch.StartNew();
foreach (var scenario in selected)
{
    var report = new Report(scenario.Name);
    await scenario.RunAsync(report).ConfigureAwait(false);
    missed += report.Missed;
}

Console.WriteLine($"benchmark.total-seconds: {Report.Format(total.Elapsed.TotalSeconds)} s");
Console.WriteLine($"benchmark.goals-missed: {missed}");
return 0;
