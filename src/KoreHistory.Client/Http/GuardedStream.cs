namespace KoreHistory.Client;

// The response's network stream, read through two guards: no more than `limit` bytes in all (the compressed size
// cap), and no read that waits longer than `stallTimeout` for a byte (a stalled body is a timeout, whatever the
// attempt's own timeout says). A stall disposes the response, so that a read which ignores its token (.NET
// Framework's) ends too.
internal sealed class GuardedStream : Stream
{
    private readonly Stream inner;
    private readonly long limit;
    private readonly bool compressed;
    private readonly TimeSpan stallTimeout;
    private readonly CancellationToken cancellation;
    private readonly CancellationTokenSource stall;
    private readonly CancellationTokenRegistration disposeOnStall;
    private long read;

    // compressed: the bytes are a coding (gzip) of the body, so a cap reached here is the cap on the wire.
    public GuardedStream(Stream inner, IDisposable response, long limit, bool compressed, TimeSpan stallTimeout, CancellationToken cancellation)
    {
        this.inner = inner;
        this.limit = limit;
        this.compressed = compressed;
        this.stallTimeout = stallTimeout;
        this.cancellation = cancellation;
        stall = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
        disposeOnStall = stall.Token.Register(response.Dispose);
    }

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => read;
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count) => ReadAsync(buffer, offset, count, CancellationToken.None).GetAwaiter().GetResult();

    public override async Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
    {
        stall.CancelAfter(stallTimeout);
        int n;
        try
        {
            n = await inner.ReadAsync(buffer, offset, count, stall.Token).ConfigureAwait(false);
        }
        catch (Exception exception) when (stall.IsCancellationRequested && !cancellation.IsCancellationRequested
            && exception is OperationCanceledException or ObjectDisposedException or IOException or HttpRequestException)
        {
            throw new ResponseStalledException(stallTimeout);
        }

        read += n;
        if (read > limit)
        {
            throw new ResponseTooLargeException(limit, compressed);
        }

        return n;
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            disposeOnStall.Dispose();
            stall.Dispose();
            inner.Dispose();
        }

        base.Dispose(disposing);
    }
}
