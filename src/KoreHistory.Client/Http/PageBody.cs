namespace KoreHistory.Client;

// A 200's body: the first Length bytes of a buffer from the connection's PageBuffers, given back when disposed, once the
// page is parsed (its records keep copies of their own bytes). A body never disposed (a page read ahead and abandoned)
// is left to the GC.
internal sealed class PageBody : IDisposable
{
    private readonly PageBuffers buffers;
    private byte[]? buffer;

    public PageBody(byte[] buffer, int length, PageBuffers buffers)
    {
        this.buffer = buffer;
        this.buffers = buffers;
        Length = length;
    }

    public byte[] Buffer => buffer ?? throw new ObjectDisposedException(nameof(PageBody));

    public int Length { get; }

    // The body as an array of its own.
    public byte[] ToArray()
    {
        var copy = new byte[Length];
        System.Buffer.BlockCopy(Buffer, 0, copy, 0, Length);
        return copy;
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref buffer, null) is { } done)
        {
            buffers.Return(done);
        }
    }
}
