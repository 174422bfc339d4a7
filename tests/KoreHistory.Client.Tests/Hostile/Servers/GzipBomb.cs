using System.IO.Compression;
using System.Text;

namespace KoreHistory.Client.Tests.Hostile;

// A gzip body that begins like a getMessages page and expands to `expandedBytes` (JSON whitespace after the
// opening of the list): gzip members of 16 MB each, concatenated, as RFC 1952 allows and .NET reads. 2.6 GB
// expanded is about 2.6 MB on the wire.
public static class GzipBomb
{
    private const int MemberBytes = 16 * 1024 * 1024;
    private static readonly Lazy<byte[]> Member = new(() => Compress(Enumerable.Repeat((byte)' ', MemberBytes).ToArray()));

    public static byte[] Make(long expandedBytes)
    {
        using var body = new MemoryStream();
        var opening = Compress(Encoding.ASCII.GetBytes("{\"total\":1,\"moreAvailable\":false,\"messages\":["));
        body.Write(opening);
        for (long written = 0; written < expandedBytes; written += MemberBytes)
        {
            body.Write(Member.Value);
        }

        return body.ToArray();
    }

    public static Task SendAsync(HostileExchange exchange, byte[] bomb) =>
        exchange.SendAsync(200, "application/json", bomb, ("Content-Encoding", "gzip"));

    private static byte[] Compress(byte[] data)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.SmallestSize, leaveOpen: true))
        {
            gzip.Write(data);
        }

        return output.ToArray();
    }
}
