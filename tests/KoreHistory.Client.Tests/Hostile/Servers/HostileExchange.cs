using System.Text;

namespace KoreHistory.Client.Tests.Hostile;

// The request, the raw stream to answer on, and helpers for the common answers.
public sealed class HostileExchange
{
    public HostileExchange(HostileRequest request, Stream stream, int number, CancellationToken stopping)
    {
        Request = request;
        Stream = stream;
        Number = number;
        Stopping = stopping;
    }

    public HostileRequest Request { get; }

    public Stream Stream { get; }

    // 1 for the first request the server received.
    public int Number { get; }

    public CancellationToken Stopping { get; }

    public Task SendJsonAsync(int status, string json, params (string Name, string Value)[] headers) =>
        SendAsync(status, "application/json; charset=utf-8", Encoding.UTF8.GetBytes(json), headers);

    public async Task SendAsync(int status, string contentType, byte[] body, params (string Name, string Value)[] headers)
    {
        await SendHeadAsync(status, [("Content-Type", contentType), ("Content-Length", body.Length.ToString(System.Globalization.CultureInfo.InvariantCulture)), .. headers]);
        await Stream.WriteAsync(body, Stopping);
    }

    // The status line and headers, "Connection: close" added; the body is the responder's to write.
    public async Task SendHeadAsync(int status, params (string Name, string Value)[] headers)
    {
        var head = new StringBuilder($"HTTP/1.1 {status} {ReasonOf(status)}\r\n");
        foreach (var (name, value) in headers.Append(("Connection", "close")))
        {
            head.Append(name).Append(": ").Append(value).Append("\r\n");
        }

        head.Append("\r\n");
        await Stream.WriteAsync(Encoding.ASCII.GetBytes(head.ToString()), Stopping);
        await Stream.FlushAsync(Stopping);
    }

    public async Task SendChunkAsync(byte[] data)
    {
        await Stream.WriteAsync(Encoding.ASCII.GetBytes(data.Length.ToString("x", System.Globalization.CultureInfo.InvariantCulture) + "\r\n"), Stopping);
        await Stream.WriteAsync(data, Stopping);
        await Stream.WriteAsync("\r\n"u8.ToArray(), Stopping);
    }

    private static string ReasonOf(int status) => status switch
    {
        200 => "OK",
        400 => "Bad Request",
        401 => "Unauthorized",
        412 => "Precondition Failed",
        429 => "Too Many Requests",
        500 => "Internal Server Error",
        502 => "Bad Gateway",
        503 => "Service Unavailable",
        _ => "Status",
    };
}
