using System.Reflection;
using System.Xml.Linq;

namespace KoreHistory.HelpBuilder;

/// Pairs each cmdlet in the module assembly with its Markdown file and refuses help that does not match the code:
/// a cmdlet without a file, a file without a cmdlet, a parameter undocumented or documented but absent, fewer than
/// three examples, an empty synopsis or description.
internal static class HelpBuild
{
    public const int MinimumExamples = 3;

    public static XDocument Build(Assembly moduleAssembly, string helpSourceDirectory)
    {
        var cmdlets = CmdletMetadata.ReadAll(moduleAssembly);
        var sources = Directory.GetFiles(helpSourceDirectory, "*.md")
            .Select(f => MarkdownHelpParser.Parse(File.ReadAllText(f), f))
            .ToDictionary(h => h.CommandName, StringComparer.OrdinalIgnoreCase);
        var problems = new List<string>();
        foreach (var extra in sources.Keys.Except(cmdlets.Select(c => c.Name), StringComparer.OrdinalIgnoreCase))
        {
            problems.Add($"{extra}.md describes a command that the assembly does not have");
        }
        var pairs = new List<(CmdletMetadata, CommandHelpSource)>();
        foreach (var cmdlet in cmdlets)
        {
            if (!sources.TryGetValue(cmdlet.Name, out var help))
            {
                problems.Add($"{cmdlet.Name} has no help file {cmdlet.Name}.md");
                continue;
            }
            problems.AddRange(Check(cmdlet, help).Select(p => $"{Path.GetFileName(help.SourceFile)}: {p}"));
            pairs.Add((cmdlet, help));
        }
        if (problems.Count > 0)
        {
            throw new HelpSourceException(helpSourceDirectory, "help does not match the code:" + Environment.NewLine + "  " +
                string.Join(Environment.NewLine + "  ", problems));
        }
        return MamlWriter.Write(pairs);
    }

    internal static IEnumerable<string> Check(CmdletMetadata cmdlet, CommandHelpSource help)
    {
        if (help.Synopsis.Length == 0)
        {
            yield return "the synopsis is empty";
        }
        if (help.Description.Count == 0)
        {
            yield return "the description is empty";
        }
        if (help.Examples.Count < MinimumExamples)
        {
            yield return $"{help.Examples.Count} example(s); at least {MinimumExamples} are required";
        }
        foreach (var example in help.Examples.Where(e => e.CodeLines.Count == 0))
        {
            yield return $"example '{example.Title}' has no code";
        }
        var codeParameters = cmdlet.Parameters.Select(p => p.Name).ToHashSet(StringComparer.OrdinalIgnoreCase);
        foreach (var missing in codeParameters.Where(p => !help.Parameters.ContainsKey(p)))
        {
            yield return $"parameter -{missing} is not described";
        }
        foreach (var extra in help.Parameters.Keys.Where(p => !codeParameters.Contains(p)))
        {
            yield return CmdletMetadata.PagingParameterNames.Contains(extra, StringComparer.OrdinalIgnoreCase)
                ? $"-{extra} is added by SupportsPaging and described by the generator; remove it"
                : $"parameter -{extra} is described but the cmdlet has no such parameter";
        }
        foreach (var empty in help.Parameters.Where(p => p.Value.Count == 0))
        {
            yield return $"parameter -{empty.Key} has an empty description";
        }
        if (help.Outputs.Count == 0 && cmdlet.OutputTypes.Count > 0)
        {
            yield return "the OUTPUTS section is missing";
        }
    }
}
