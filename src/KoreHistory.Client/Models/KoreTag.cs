namespace KoreHistory.Client;

/// <summary>One tag: a name and a value.</summary>
public sealed class KoreTag
{
    /// <summary>A tag named <paramref name="name"/> with <paramref name="value"/>.</summary>
    public KoreTag(string name, string value)
    {
        Name = name;
        Value = value;
    }

    /// <summary>The tag's name.</summary>
    public string Name { get; }

    /// <summary>The tag's value.</summary>
    public string Value { get; }

    /// <summary>"name=value".</summary>
    public override string ToString() => $"{Name}={Value}";
}
