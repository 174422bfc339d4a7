using System.Collections;

namespace KoreHistory.Client;

// Prints as "name=value; name2=value2" so Export-Csv writes the tags, not a type name.
public sealed class KoreTagList : IReadOnlyList<KoreTag>
{
    private readonly KoreTag[] tags;

    public KoreTagList(IEnumerable<KoreTag> tags)
    {
        this.tags = tags.ToArray();
    }

    public static KoreTagList Empty { get; } = new([]);

    public int Count => tags.Length;

    public KoreTag this[int index] => tags[index];

    // The value of the first tag with this name (case-sensitive, as the API stores it), or null.
    public string? this[string name] => tags.FirstOrDefault(t => t.Name == name)?.Value;

    public IEnumerator<KoreTag> GetEnumerator() => ((IEnumerable<KoreTag>)tags).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => tags.GetEnumerator();

    public override string ToString() => string.Join("; ", tags.Select(t => t.ToString()));
}
