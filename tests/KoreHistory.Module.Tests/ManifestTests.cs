namespace KoreHistory.ModuleTests;

/// KoreHistory.psd1 against the assembly: what PowerShell loads, exports and shows in a gallery.
public sealed class ManifestTests
{
    private static readonly PowerShellDataFile Manifest = PowerShellDataFile.Load(ModuleFiles.ManifestPath);

    [Fact]
    public void CmdletsToExportListsExactlyTheCmdletsInTheAssemblyWithoutWildcards()
    {
        var exported = Manifest.List("CmdletsToExport");
        Assert.DoesNotContain(exported, name => name.Contains('*', StringComparison.Ordinal));
        Assert.Equal(ModuleFiles.Cmdlets.Select(c => c.Name).Order(StringComparer.Ordinal), exported.Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("FunctionsToExport")]
    [InlineData("AliasesToExport")]
    [InlineData("VariablesToExport")]
    public void NothingElseIsExported(string key)
    {
        Assert.Empty(Manifest.List(key));
    }

    [Fact]
    public void TheRootModuleIsTheScriptThatImportsTheEntryAssemblyOfEachEdition()
    {
        Assert.Equal(Path.GetFileName(ModuleFiles.RootScriptPath), Manifest.String("RootModule"));
        var script = File.ReadAllText(ModuleFiles.RootScriptPath);
        Assert.Contains("$editionFolder = 'core'", script, StringComparison.Ordinal);
        Assert.Contains("$editionFolder = 'desktop'", script, StringComparison.Ordinal);
        Assert.Contains($"'{Path.GetFileName(ModuleFiles.ModuleAssembly.Location)}'", script, StringComparison.Ordinal);
    }

    [Fact]
    public void TheModuleVersionIsTheAssemblyVersion()
    {
        var version = Version.Parse(Manifest.String("ModuleVersion"));
        var assembly = ModuleFiles.ModuleAssembly.GetName().Version!;
        Assert.Equal(new Version(assembly.Major, assembly.Minor, assembly.Build), version);
    }

    [Fact]
    public void BothEditionsAndWindowsPowerShell51AreDeclared()
    {
        Assert.Equal(["Desktop", "Core"], Manifest.List("CompatiblePSEditions"));
        Assert.Equal("5.1", Manifest.String("PowerShellVersion"));
    }

    [Fact]
    public void FormatsToProcessNamesTheFormatFileThatShipsBesideTheDll()
    {
        var formats = Manifest.List("FormatsToProcess");
        Assert.Equal(["KoreHistory.format.ps1xml"], formats);
        Assert.True(File.Exists(Path.Combine(ModuleFiles.ModuleOutputDirectory, formats[0])));
    }

    [Fact]
    public void TheGalleryMetadataIsComplete()
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
