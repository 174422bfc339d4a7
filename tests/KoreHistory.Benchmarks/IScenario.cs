namespace KoreHistory.Benchmarks;

// One benchmark scenario: one class per file under Scenarios/, listed in ScenarioRegistry.
internal interface IScenario
{
    // Lower-case, dash-separated; the prefix of every figure it prints and what the command-line filter matches.
    string Name { get; }

    // A long scenario (minutes) that runs only when a filter names it exactly (or `all`), never by default.
    bool OptIn => false;

    Task RunAsync(Report report);
}
