using System.Collections;

namespace KoreHistory.Client;

/// <summary>Prints as "name=value; name2=value2" so Export-Csv writes the tags, not a type name.</summary>
public sealed class KoreTagList : IReadOnlyList<KoreTag>
{
    private readonly KoreTag[] tags;

    /// <summary>A list of these tags, in order.</summary>
    public KoreTagList(IEnumerable<KoreTag> tags)
    {
        this.tags = tags.ToArray();
    }

    /// <summary>No tags.</summary>
    public static KoreTagList Empty { get; } = new([]);

    /// <inheritdoc/>
    public int Count => tags.Length;

    /// <inheritdoc/>
    public KoreTag this[int index] => tags[index];

    /// <summary>The value of the first tag with this name (case-sensitive, as the API stores it), or null.</summary>
    public string? this[string name] => tags.FirstOrDefault(t => t.Name == name)?.Value;

    /// <inheritdoc/>
    public IEnumerator<KoreTag> GetEnumerator() => ((IEnumerable<KoreTag>)tags).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => tags.GetEnumerator();

    /// <summary>"name=value; name2=value2".</summary>
    public override string ToString() => string.Join("; ", tags.Select(t => t.ToString()));
}
