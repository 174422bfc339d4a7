using System.Text.Json;

namespace KoreHistory.Client;

// A 200 must be a page: a complete JSON object, nested no deeper than the parser reads (64 levels, System.Text.Json's
// default; a Kore.ai page nests about 6). Checked before the page is handed over, so that a passing HTML page or a
// malformed body is an attempt that failed, not a read that ends.
internal static class PageBodyCheck
{
    public const int MaxDepth = 64;

    public static void Check(byte[] body, string? mediaType) => Check(body, body.Length, mediaType);

    // The page in the first `length` bytes of `body`.
    public static void Check(byte[] body, int length, string? mediaType)
    {
        var first = Array.FindIndex(body, 0, length, b => b is not ((byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n'));
        if (first < 0 || body[first] != (byte)'{')
        {
            throw new UnusablePageException(
                UnusablePageKind.NotJson,
                $"the 200 response is not a JSON object (content type {mediaType ?? "none"}, {length} bytes)");
        }

        // One level more than MaxDepth, so that this check, not the reader, tells a page that is too deep.
        var reader = new Utf8JsonReader(new ReadOnlySpan<byte>(body, 0, length), new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip, MaxDepth = MaxDepth + 1 });
        try
        {
            while (reader.Read())
            {
                if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray && reader.CurrentDepth >= MaxDepth)
                {
                    throw new UnusablePageException(
                        UnusablePageKind.TooDeep,
                        $"the 200 response nests deeper than {MaxDepth} levels, which no page does ({length} bytes)");
                }
            }
        }
        catch (JsonException exception)
        {
            throw new UnusablePageException(UnusablePageKind.Malformed, $"the 200 response is incomplete or malformed JSON ({length} bytes)", exception);
        }
    }
}
