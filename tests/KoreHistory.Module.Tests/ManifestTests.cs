namespace KoreHistory.ModuleTests;

/// KoreHistory.psd1 against the assembly: what PowerShell loads, exports and shows in a gallery.
public sealed class ManifestTests
{
    private static readonly PowerShellDataFile Manifest = PowerShellDataFile.Load(ModuleFiles.ManifestPath);

    [Fact]
    public void CmdletsToExport_lists_exactly_the_cmdlets_in_the_assembly_without_wildcards()
    {
        var exported = Manifest.List("CmdletsToExport");
        Assert.DoesNotContain(exported, name => name.Contains('*', StringComparison.Ordinal));
        Assert.Equal(ModuleFiles.Cmdlets.Select(c => c.Name).Order(StringComparer.Ordinal), exported.Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("FunctionsToExport")]
    [InlineData("AliasesToExport")]
    [InlineData("VariablesToExport")]
    public void Nothing_else_is_exported(string key)
    {
        Assert.Empty(Manifest.List(key));
    }

    [Fact]
    public void The_root_module_is_the_script_that_imports_the_entry_assembly_of_each_edition()
    {
        Assert.Equal(Path.GetFileName(ModuleFiles.RootScriptPath), Manifest.String("RootModule"));
        var script = File.ReadAllText(ModuleFiles.RootScriptPath);
        Assert.Contains("$editionFolder = 'core'", script, StringComparison.Ordinal);
        Assert.Contains("$editionFolder = 'desktop'", script, StringComparison.Ordinal);
        Assert.Contains($"'{Path.GetFileName(ModuleFiles.ModuleAssembly.Location)}'", script, StringComparison.Ordinal);
    }

    [Fact]
    public void The_source_manifest_leaves_the_version_to_the_build()
    {
        // Directory.Build.props holds the version; build.ps1 writes it into the published manifest (the Pester suite
        // checks the built module's version against its assembly's).
        Assert.Equal("0.0.0", Manifest.String("ModuleVersion"));
    }

    [Fact]
    public void Both_editions_and_Windows_PowerShell_5_1_are_declared()
    {
        Assert.Equal(["Desktop", "Core"], Manifest.List("CompatiblePSEditions"));
        Assert.Equal("5.1", Manifest.String("PowerShellVersion"));
    }

    [Fact]
    public void FormatsToProcess_names_the_format_file_that_ships_beside_the_DLL()
    {
        var formats = Manifest.List("FormatsToProcess");
        Assert.Equal(["KoreHistory.format.ps1xml"], formats);
        Assert.True(File.Exists(Path.Combine(ModuleFiles.ModuleOutputDirectory, formats[0])));
    }

    [Fact]
    public void The_gallery_metadata_is_complete()
    {
        Assert.True(Guid.TryParse(Manifest.String("GUID"), out _));
        Assert.NotEmpty(Manifest.String("Author"));
        Assert.NotEmpty(Manifest.String("Description"));
        Assert.NotEmpty(Manifest.List("Tags"));
        Assert.DoesNotContain(Manifest.List("Tags"), tag => tag.Contains(' ', StringComparison.Ordinal));
        Assert.True(Uri.TryCreate(Manifest.String("ProjectUri"), UriKind.Absolute, out _));
        Assert.True(Uri.TryCreate(Manifest.String("LicenseUri"), UriKind.Absolute, out _));
        Assert.NotEmpty(Manifest.String("ReleaseNotes"));
    }
}
