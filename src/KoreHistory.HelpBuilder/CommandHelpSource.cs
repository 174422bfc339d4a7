namespace KoreHistory.HelpBuilder;

/// The readable help source of one cmdlet, parsed from its Markdown file.
internal sealed class CommandHelpSource
{
    public required string CommandName { get; init; }
    public required string SourceFile { get; init; }
    public string Synopsis { get; set; } = "";
    public List<string> Description { get; } = [];
    public List<HelpExample> Examples { get; } = [];
    public Dictionary<string, List<string>> Parameters { get; } = new(StringComparer.OrdinalIgnoreCase);
    public List<HelpTypeEntry> Inputs { get; } = [];
    public List<HelpTypeEntry> Outputs { get; } = [];
    public List<string> Notes { get; } = [];
    public List<HelpLink> RelatedLinks { get; } = [];
}

internal sealed class HelpExample
{
    public required string Title { get; init; }
    public List<string> CodeLines { get; } = [];
    public List<string> Remarks { get; } = [];
}

internal sealed class HelpTypeEntry
{
    public required string TypeName { get; init; }
    public List<string> Description { get; } = [];
}

internal sealed record HelpLink(string Text, string? Uri);
