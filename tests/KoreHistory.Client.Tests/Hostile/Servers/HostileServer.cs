using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;

namespace KoreHistory.Client.Tests.Hostile;

// A loopback HTTP/1.1 server (127.0.0.1, port 0) that misbehaves on purpose: each request is handed with the raw
// connection stream to a responder, which may write anything (a gzip bomb, an endless chunked body, a trickle,
// a 429 forever). One request per connection (the responder's answer ends with "Connection: close"), optionally
// over TLS with a self-signed certificate. No xunit reference: the hostile probe compiles it too.
public sealed class HostileServer : IAsyncDisposable
{
    private readonly TcpListener listener;
    private readonly Func<HostileExchange, Task> respond;
    private readonly X509Certificate2? certificate;
    private readonly CancellationTokenSource stopping = new();
    private readonly List<HostileRequest> received = [];
    private readonly List<Task> connections = [];
    private readonly Task accepting;

    private HostileServer(Func<HostileExchange, Task> respond, X509Certificate2? certificate)
    {
        this.respond = respond;
        this.certificate = certificate;
        listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        BaseUri = new Uri($"{(certificate is null ? "http" : "https")}://127.0.0.1:{port}/");
        accepting = AcceptAsync();
    }

    public Uri BaseUri { get; }

    public IReadOnlyList<HostileRequest> Received
    {
        get
        {
            lock (received)
            {
                return received.ToList();
            }
        }
    }

    public int Requests
    {
        get
        {
            lock (received)
            {
                return received.Count;
            }
        }
    }

    public static HostileServer Start(Func<HostileExchange, Task> respond) => new(respond, null);

    public static HostileServer StartTls(Func<HostileExchange, Task> respond, X509Certificate2 certificate) => new(respond, certificate);

    public async ValueTask DisposeAsync()
    {
        await stopping.CancelAsync();
        listener.Stop();
        Task[] running;
        lock (connections)
        {
            running = connections.ToArray();
        }

        try
        {
            await Task.WhenAll(running.Append(accepting)).WaitAsync(TimeSpan.FromSeconds(10));
        }
        catch (Exception exception) when (exception is OperationCanceledException or IOException or SocketException or ObjectDisposedException or TimeoutException)
        {
        }

        stopping.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!stopping.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await listener.AcceptTcpClientAsync(stopping.Token);
            }
            catch (Exception exception) when (exception is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }

            lock (connections)
            {
                connections.RemoveAll(task => task.IsCompleted);
                connections.Add(Task.Run(() => ServeAsync(client)));
            }
        }
    }

    private async Task ServeAsync(TcpClient client)
    {
        using (client)
        {
            client.NoDelay = true;
            try
            {
                Stream stream = client.GetStream();
                if (certificate is not null)
                {
                    var tls = new SslStream(stream, leaveInnerStreamOpen: false);
                    await tls.AuthenticateAsServerAsync(new SslServerAuthenticationOptions { ServerCertificate = certificate }, stopping.Token);
                    stream = tls;
                }

                await using (stream)
                {
                    var request = await HostileRequest.ReadAsync(stream, stopping.Token);
                    if (request is null)
                    {
                        return;
                    }

                    lock (received)
                    {
                        received.Add(request);
                    }

                    await respond(new HostileExchange(request, stream, Requests, stopping.Token));
                    await stream.FlushAsync(stopping.Token);
                }
            }
            catch (Exception exception) when (exception is IOException or SocketException or OperationCanceledException or ObjectDisposedException or AuthenticationException)
            {
                // The client went away (as it should, from a bomb or a trickle) or the server is stopping.
            }
        }
    }
}
