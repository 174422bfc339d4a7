using System.Text.Json;

namespace KoreHistory.Client;

// Reuses the strings of values that repeat within a page (status, language, channel, bot, session, user,
// tag names): a hit costs a byte comparison instead of a new string. One instance per page parse.
internal sealed class ValueCache
{
    private const int SlotsPerField = 8;
    private const int MaxCachedBytes = 64;
    private readonly Entry?[][] fields;
    private readonly int[] next;

    public ValueCache(int fieldCount)
    {
        fields = new Entry?[fieldCount][];
        next = new int[fieldCount];
        for (var i = 0; i < fieldCount; i++)
        {
            fields[i] = new Entry?[SlotsPerField];
        }
    }

    public string? Read(ref Utf8JsonReader reader, int field)
    {
        if (reader.TokenType != JsonTokenType.String || reader.ValueIsEscaped || reader.ValueSpan.Length > MaxCachedBytes)
        {
            return JsonRead.Scalar(ref reader);
        }

        var slots = fields[field];
        foreach (var entry in slots)
        {
            if (entry is null)
            {
                break;
            }

            if (reader.ValueSpan.SequenceEqual(entry.Utf8))
            {
                return entry.Value;
            }
        }

        var value = JsonRead.StringValue(ref reader);
        slots[next[field]] = new Entry(reader.ValueSpan.ToArray(), value);
        next[field] = (next[field] + 1) % SlotsPerField;
        return value;
    }

    private sealed class Entry
    {
        public Entry(byte[] utf8, string value)
        {
            Utf8 = utf8;
            Value = value;
        }

        public byte[] Utf8 { get; }

        public string Value { get; }
    }
}
