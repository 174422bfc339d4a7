using System.Text.RegularExpressions;

namespace KoreHistory.HelpBuilder;

/// Reads the per-cmdlet Markdown help (src/KoreHistory/help/*.md). The format is a small, fixed subset:
/// "# Name", then "## SYNOPSIS", "## DESCRIPTION", "## EXAMPLES" ("### title", a fenced code block, remarks),
/// "## PARAMETERS" ("### -Name"), "## INPUTS" / "## OUTPUTS" ("### Type.Name"), "## NOTES", "## RELATED LINKS".
/// Paragraphs are separated by blank lines; a line starting with "- " is a paragraph of its own.
internal static partial class MarkdownHelpParser
{
    public static CommandHelpSource Parse(string markdown, string sourceFile)
    {
        var lines = markdown.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        var title = lines.FirstOrDefault(l => l.StartsWith("# ", StringComparison.Ordinal))
            ?? throw new HelpSourceException(sourceFile, "the file has no '# Command-Name' title line");
        var help = new CommandHelpSource { CommandName = title[2..].Trim(), SourceFile = sourceFile };

        string? section = null;
        List<string>? paragraphs = null;
        HelpExample? example = null;
        var paragraph = new List<string>();
        var inCode = false;
        var synopsis = new List<string>();

        void EndParagraph()
        {
            if (paragraph.Count > 0 && paragraphs is not null)
            {
                paragraphs.Add(string.Join(" ", paragraph));
            }
            else if (paragraph.Count > 0)
            {
                throw new HelpSourceException(sourceFile, $"text outside any section: '{paragraph[0]}'");
            }
            paragraph.Clear();
        }

        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i];
            if (inCode)
            {
                if (line.TrimStart().StartsWith("```", StringComparison.Ordinal))
                {
                    inCode = false;
                }
                else
                {
                    (example ?? throw new HelpSourceException(sourceFile, $"line {i + 1}: a code block outside an example")).CodeLines.Add(line);
                }
                continue;
            }
            if (line.TrimStart().StartsWith("```", StringComparison.Ordinal))
            {
                EndParagraph();
                if (example is null || section != "EXAMPLES")
                {
                    throw new HelpSourceException(sourceFile, $"line {i + 1}: code blocks belong in an example under '## EXAMPLES'");
                }
                inCode = true;
                continue;
            }
            if (line.StartsWith("# ", StringComparison.Ordinal))
            {
                continue;
            }
            if (line.StartsWith("## ", StringComparison.Ordinal))
            {
                EndParagraph();
                section = line[3..].Trim().ToUpperInvariant();
                example = null;
                paragraphs = section switch
                {
                    "SYNOPSIS" => synopsis,
                    "DESCRIPTION" => help.Description,
                    "NOTES" => help.Notes,
                    "EXAMPLES" or "PARAMETERS" or "INPUTS" or "OUTPUTS" or "RELATED LINKS" => null,
                    _ => throw new HelpSourceException(sourceFile, $"line {i + 1}: unknown section '{section}'"),
                };
                continue;
            }
            if (line.StartsWith("### ", StringComparison.Ordinal))
            {
                EndParagraph();
                var heading = line[4..].Trim();
                switch (section)
                {
                    case "EXAMPLES":
                        example = new HelpExample { Title = heading };
                        help.Examples.Add(example);
                        paragraphs = example.Remarks;
                        break;
                    case "PARAMETERS":
                        if (!heading.StartsWith('-'))
                        {
                            throw new HelpSourceException(sourceFile, $"line {i + 1}: a parameter heading is '### -Name', not '### {heading}'");
                        }
                        paragraphs = [];
                        if (!help.Parameters.TryAdd(heading[1..], paragraphs))
                        {
                            throw new HelpSourceException(sourceFile, $"line {i + 1}: parameter {heading} is described twice");
                        }
                        break;
                    case "INPUTS":
                    case "OUTPUTS":
                        var entry = new HelpTypeEntry { TypeName = heading };
                        (section == "INPUTS" ? help.Inputs : help.Outputs).Add(entry);
                        paragraphs = entry.Description;
                        break;
                    default:
                        throw new HelpSourceException(sourceFile, $"line {i + 1}: '### {heading}' is not allowed under '## {section}'");
                }
                continue;
            }
            if (section == "RELATED LINKS")
            {
                if (line.Trim().Length > 0)
                {
                    help.RelatedLinks.Add(ParseLink(line.Trim()));
                }
                continue;
            }
            if (line.Trim().Length == 0)
            {
                EndParagraph();
                continue;
            }
            if (line.StartsWith("- ", StringComparison.Ordinal))
            {
                EndParagraph();
            }
            paragraph.Add(line.Trim());
        }
        if (inCode)
        {
            throw new HelpSourceException(sourceFile, "a code block is not closed");
        }
        EndParagraph();
        help.Synopsis = string.Join(" ", synopsis);
        return help;
    }

    private static HelpLink ParseLink(string line)
    {
        var text = line.StartsWith("- ", StringComparison.Ordinal) ? line[2..].Trim() : line;
        var match = LinkPattern().Match(text);
        return match.Success ? new HelpLink(match.Groups["text"].Value, match.Groups["uri"].Value) : new HelpLink(text, null);
    }

    [GeneratedRegex(@"^\[(?<text>[^\]]+)\]\((?<uri>[^)]+)\)$")]
    private static partial Regex LinkPattern();
}
