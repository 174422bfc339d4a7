using System.Collections;

namespace KoreHistory.Client;

public sealed class KoreComponentList : IReadOnlyList<KoreComponent>
{
    private readonly KoreComponent[] components;

    internal KoreComponentList(KoreComponent[] components)
    {
        this.components = components;
    }

    public static KoreComponentList Empty { get; } = new([]);

    public int Count => components.Length;

    public KoreComponent this[int index] => components[index];

    public IEnumerator<KoreComponent> GetEnumerator() => ((IEnumerable<KoreComponent>)components).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => components.GetEnumerator();

    public override string ToString() => string.Join(" | ", components.Select(c => c.ContentType + ": " + c.Text));
}
