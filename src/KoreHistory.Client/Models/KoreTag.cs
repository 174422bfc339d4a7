namespace KoreHistory.Client;

public sealed class KoreTag
{
    public KoreTag(string name, string value)
    {
        Name = name;
        Value = value;
    }

    public string Name { get; }

    public string Value { get; }

    public override string ToString() => $"{Name}={Value}";
}
