using KoreHistory.Benchmarks.Scenarios;

namespace KoreHistory.Benchmarks;

// The one place scenarios are registered, in the order they run. Add a scenario here.
internal static class ScenarioRegistry
{
    public static IReadOnlyList<IScenario> All { get; } =
    [
        new DayExportScenario(),
        RateBoundScenario.MinuteBinds,
        new SessionsToMessagesScenario(),
        new ClientCostScenario(),
        new PowerShellScenario(),
        new RequestEconomyScenario(),
        new MemoryScenario(),
        new MemoryV2Scenario(),
        new FirstResultScenario(),
        RateBoundScenario.HourBinds,
        new SoakScenario(),
    ];
}
