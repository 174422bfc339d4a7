using KoreHistory.Benchmarks.Scenarios;

namespace KoreHistory.Benchmarks;

// The one place scenarios are registered, in the order they run. Add a scenario here.
internal static class ScenarioRegistry
{
    public static IReadOnlyList<IScenario> All { get; } =
    [
        new DayExportScenario(),
        new RateBoundScenario(),
        new SessionsToMessagesScenario(),
        new ClientCostScenario(),
        new MemoryScenario(),
        new FirstResultScenario(),
        new SoakScenario(),
    ];
}
