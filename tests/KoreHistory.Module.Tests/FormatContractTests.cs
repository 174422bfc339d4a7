using System.Xml.Linq;

namespace KoreHistory.ModuleTests;

/// KoreHistory.format.ps1xml: a view whose type or property does not exist shows nothing, silently.
public sealed class FormatContractTests
{
    private static readonly XDocument Format = XDocument.Load(ModuleFiles.FormatPath);

    private static IEnumerable<XElement> Views => Format.Root!.Element("ViewDefinitions")!.Elements("View");

    [Fact]
    public void Every_view_is_keyed_by_an_existing_full_type_name_and_names_only_its_properties()
    {
        Assert.NotEmpty(Views);
        foreach (var view in Views)
        {
            var typeName = view.Element("ViewSelectedBy")!.Element("TypeName")!.Value;
            var type = ModuleFiles.ClientAssembly.GetType(typeName) ?? ModuleFiles.ModuleAssembly.GetType(typeName);
            Assert.True(type is not null, $"view {view.Element("Name")!.Value}: no type {typeName}");
            foreach (var property in view.Descendants("PropertyName").Select(p => p.Value))
            {
                Assert.True(type!.GetProperty(property) is not null, $"{typeName} has no property {property}");
            }
        }
    }

    [Fact]
    public void Every_table_has_one_header_per_column()
    {
        foreach (var table in Views.Select(v => v.Element("TableControl")).OfType<XElement>())
        {
            var headers = table.Element("TableHeaders")!.Elements("TableColumnHeader").Count();
            Assert.All(table.Descendants("TableColumnItems"), items => Assert.Equal(headers, items.Elements("TableColumnItem").Count()));
        }
    }

    [Fact]
    public void Every_output_type_of_the_cmdlets_has_a_default_table_view()
    {
        var viewed = Views.Where(v => v.Element("TableControl") is not null)
            .Select(v => v.Element("ViewSelectedBy")!.Element("TypeName")!.Value).ToHashSet(StringComparer.Ordinal);
        foreach (var type in ModuleFiles.Cmdlets.SelectMany(c => c.OutputTypes).Distinct())
        {
            Assert.Contains(type.FullName!, viewed);
        }
    }
}
