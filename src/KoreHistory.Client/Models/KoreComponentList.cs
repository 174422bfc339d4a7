using System.Collections;

namespace KoreHistory.Client;

/// <summary>A message's components, in order; prints as "type: text | type: text".</summary>
public sealed class KoreComponentList : IReadOnlyList<KoreComponent>
{
    private readonly KoreComponent[] components;

    internal KoreComponentList(KoreComponent[] components)
    {
        this.components = components;
    }

    /// <summary>No components.</summary>
    public static KoreComponentList Empty { get; } = new([]);

    /// <inheritdoc/>
    public int Count => components.Length;

    /// <inheritdoc/>
    public KoreComponent this[int index] => components[index];

    /// <inheritdoc/>
    public IEnumerator<KoreComponent> GetEnumerator() => ((IEnumerable<KoreComponent>)components).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => components.GetEnumerator();

    /// <summary>Each component as "type: text", joined with " | ".</summary>
    public override string ToString() => string.Join(" | ", components.Select(c => c.ContentType + ": " + c.Text));
}
