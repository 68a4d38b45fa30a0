namespace Redeploy.Tests.Integration;

/// <summary>A request body that counts the bytes read from it.</summary>
internal sealed class WatchedStream(byte[] bytes) : MemoryStream(bytes)
{
    public long BytesRead { get; private set; }

    public override int Read(byte[] buffer, int offset, int count) => Counted(base.Read(buffer, offset, count));

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
        Counted(await base.ReadAsync(buffer, cancellationToken));

    private int Counted(int read)
    {
        BytesRead += read;
        return read;
    }
}
