using System.Management.Automation;
using System.Xml.Linq;
using KoreHistory.HelpBuilder;

namespace KoreHistory.ModuleTests;

/// The help generator: Markdown parsing, the checks that refuse help that does not match the code, and MAML output.
public sealed class HelpBuilderTests
{
    private static readonly XNamespace Maml = "http://schemas.microsoft.com/maml/2004/10";
    private static readonly XNamespace Command = "http://schemas.microsoft.com/maml/dev/command/2004/10";
    private static readonly XNamespace Dev = "http://schemas.microsoft.com/maml/dev/2004/10";

    private const string ValidSource = """
        # Get-Sample

        ## SYNOPSIS
        Gets samples.

        ## DESCRIPTION
        First paragraph
        continues here.

        Second paragraph.

        ## EXAMPLES

        ### One
        ```powershell
        Get-Sample -Name a
        ```
        Reads a.

        ### Two
        ```powershell
        Get-Sample -Name b |
            Export-Csv ./b.csv
        ```

        ### Three
        ```powershell
        Get-Sample -Name c -Fast
        ```

        ## PARAMETERS

        ### -Name
        The name.

        ### -Fast
        Faster.

        ## INPUTS

        ### System.String
        Names by property name.

        ## OUTPUTS

        ### System.Object
        A sample.

        ## NOTES
        - first note
        - second note

        ## RELATED LINKS
        - Get-Other
        - [Online](https://example.test/sample)
        """;

    [Fact]
    public void Parses_every_section_of_the_Markdown_source()
    {
        var help = MarkdownHelpParser.Parse(ValidSource, "Get-Sample.md");
        Assert.Equal("Get-Sample", help.CommandName);
        Assert.Equal("Gets samples.", help.Synopsis);
        Assert.Equal(["First paragraph continues here.", "Second paragraph."], help.Description);
        Assert.Equal(["One", "Two", "Three"], help.Examples.Select(e => e.Title));
        Assert.Equal(["Get-Sample -Name b |", "    Export-Csv ./b.csv"], help.Examples[1].CodeLines);
        Assert.Equal(["Reads a."], help.Examples[0].Remarks);
        Assert.Equal(["The name."], help.Parameters["Name"]);
        Assert.Equal("System.String", Assert.Single(help.Inputs).TypeName);
        Assert.Equal(["- first note", "- second note"], help.Notes);
        Assert.Equal([new HelpLink("Get-Other", null), new HelpLink("Online", "https://example.test/sample")], help.RelatedLinks);
    }

    [Theory]
    [InlineData("# X\n\n## SYNOPSIS\nx\n\n## EXAMPLES\n### e\n```\ncode\n", "not closed")]
    [InlineData("# X\n\n## SOMETHING\nx\n", "unknown section")]
    [InlineData("# X\n\n## PARAMETERS\n### Name\nx\n", "'### -Name'")]
    [InlineData("# X\n\n## PARAMETERS\n### -Name\nx\n### -Name\ny\n", "described twice")]
    [InlineData("## SYNOPSIS\nx\n", "title")]
    public void Refuses_malformed_Markdown_with_the_reason(string markdown, string reason)
    {
        var error = Assert.Throws<HelpSourceException>(() => MarkdownHelpParser.Parse(markdown, "X.md"));
        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Valid_help_for_the_code_has_no_problems()
    {
        Assert.Empty(HelpBuild.Check(SampleCmdlet, MarkdownHelpParser.Parse(ValidSource, "Get-Sample.md")));
    }

    [Fact]
    public void Reports_undocumented_and_unknown_parameters_and_too_few_examples()
    {
        var source = ValidSource.Replace("### -Fast", "### -Slow", StringComparison.Ordinal)
            .Replace("### Three\n```powershell\nGet-Sample -Name c -Fast\n```\n", "", StringComparison.Ordinal);
        var problems = HelpBuild.Check(SampleCmdlet, MarkdownHelpParser.Parse(source, "Get-Sample.md")).ToList();
        Assert.Contains("parameter -Fast is not described", problems);
        Assert.Contains("parameter -Slow is described but the cmdlet has no such parameter", problems);
        Assert.Contains(problems, p => p.StartsWith("2 example(s)", StringComparison.Ordinal));
    }

    [Fact]
    public void Reports_paging_parameters_described_by_hand()
    {
        var source = ValidSource.Replace("### -Fast\nFaster.", "### -Fast\nFaster.\n\n### -First\nn", StringComparison.Ordinal);
        Assert.Contains(HelpBuild.Check(SampleCmdlet, MarkdownHelpParser.Parse(source, "Get-Sample.md")),
            p => p.Contains("added by SupportsPaging", StringComparison.Ordinal));
    }

    [Fact]
    public void Writes_syntax_per_set_from_the_code_and_adds_the_paging_parameters()
    {
        var maml = MamlWriter.Write([(SampleCmdlet, MarkdownHelpParser.Parse(ValidSource, "Get-Sample.md"))]);
        var command = maml.Root!.Element(Command + "command")!;
        var syntax = command.Element(Command + "syntax")!.Elements(Command + "syntaxItem").ToList();
        Assert.Equal(2, syntax.Count);

        var byName = syntax[0].Elements(Command + "parameter").ToDictionary(p => p.Element(Maml + "name")!.Value);
        Assert.Equal(["Name", "First", "Skip", "IncludeTotalCount"], byName.Keys);
        Assert.Equal("true", byName["Name"].Attribute("required")!.Value);
        Assert.Equal("0", byName["Name"].Attribute("position")!.Value);
        Assert.Equal("True (ByPropertyName)", byName["Name"].Attribute("pipelineInput")!.Value);
        Assert.Equal("String[]", byName["Name"].Element(Command + "parameterValue")!.Value);
        Assert.Equal("Id", byName["Name"].Attribute("aliases")!.Value);

        var fast = syntax[1].Elements(Command + "parameter").Single(p => p.Element(Maml + "name")!.Value == "Fast");
        Assert.Null(fast.Element(Command + "parameterValue"));
        Assert.Equal("named", fast.Attribute("position")!.Value);

        Assert.Equal(3, command.Element(Command + "examples")!.Elements(Command + "example").Count());
        Assert.Equal("Get-Sample -Name b |\n    Export-Csv ./b.csv",
            command.Element(Command + "examples")!.Elements(Command + "example").ElementAt(1).Element(Dev + "code")!.Value);
    }

    private static CmdletMetadata SampleCmdlet => CmdletMetadata.TryRead(typeof(GetSampleCommand))!;

    [Cmdlet(VerbsCommon.Get, "Sample", DefaultParameterSetName = "ByName", SupportsPaging = true)]
    [OutputType(typeof(object))]
    public sealed class GetSampleCommand : PSCmdlet
    {
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true, ParameterSetName = "ByName")]
        [Alias("Id")]
        public string[] Name { get; set; } = [];

        [Parameter(ParameterSetName = "Fast")]
        public SwitchParameter Fast { get; set; }
    }
}
