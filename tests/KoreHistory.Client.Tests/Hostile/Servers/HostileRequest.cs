using System.Text;

namespace KoreHistory.Client.Tests.Hostile;

// One request as it arrived: request line, headers (names lower-cased), body as text.
public sealed class HostileRequest
{
    private HostileRequest(string method, string target, IReadOnlyDictionary<string, string> headers, string body)
    {
        Method = method;
        Target = target;
        Headers = headers;
        Body = body;
    }

    public string Method { get; }

    // As sent: a path, or an absolute URI when the request went through a proxy.
    public string Target { get; }

    public IReadOnlyDictionary<string, string> Headers { get; }

    public string Body { get; }

    public string Path => Uri.TryCreate(Target, UriKind.Absolute, out var absolute) ? absolute.AbsolutePath : Target.Split('?')[0];

    public static async Task<HostileRequest?> ReadAsync(Stream stream, CancellationToken cancellationToken)
    {
        var head = new List<byte>();
        var one = new byte[1];
        while (!EndsWithBlankLine(head))
        {
            if (await stream.ReadAsync(one, cancellationToken) == 0)
            {
                return null;
            }

            head.Add(one[0]);
            if (head.Count > 64 * 1024)
            {
                throw new IOException("request head too long");
            }
        }

        var lines = Encoding.ASCII.GetString(head.ToArray()).Split("\r\n");
        var requestLine = lines[0].Split(' ');
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var line in lines.Skip(1).Where(l => l.Length > 0))
        {
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            headers[line[..colon].Trim().ToLowerInvariant()] = line[(colon + 1)..].Trim();
        }

        var length = headers.TryGetValue("content-length", out var text) ? int.Parse(text, System.Globalization.CultureInfo.InvariantCulture) : 0;
        var body = new byte[length];
        await stream.ReadExactlyAsync(body, cancellationToken);
        return new HostileRequest(requestLine[0], requestLine[1], headers, Encoding.UTF8.GetString(body));
    }

    private static bool EndsWithBlankLine(List<byte> head) =>
        head.Count >= 4 && head[^4] == '\r' && head[^3] == '\n' && head[^2] == '\r' && head[^1] == '\n';
}
