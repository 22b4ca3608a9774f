namespace CloudMesh.Proxy.DataPlane.Runtime;

/// <summary>
/// The downstream request body, kept (up to a limit) as it streams to the first try so a retry can send it again:
/// each <see cref="NextTry"/> returns a stream that replays what was read so far and then continues with the rest of
/// the original body. Once more than the limit has been read, the body can no longer be replayed (no retry), as with
/// Envoy's buffer limit.
/// </summary>
internal sealed class ReplayableBody(Stream source, int limit)
{
    private byte[] _buffer = new byte[Math.Min(limit, 16 * 1024)];
    private int _length;
    private bool _sourceDone;

    /// <summary>False once the body outgrew the limit.</summary>
    public bool CanReplay { get; private set; } = true;

    /// <summary>A stream for the next try, starting at the beginning of the body.</summary>
    public Stream NextTry() => new TryStream(this);

    private async ValueTask<int> ReadSourceAsync(Memory<byte> destination, CancellationToken cancellationToken)
    {
        if (_sourceDone)
        {
            return 0;
        }

        if (destination.IsEmpty)
        {
            // A zero-byte read (YARP waits for data this way) only waits; its 0 is not the end of the body.
            _ = await source.ReadAsync(destination, cancellationToken);
            return 0;
        }

        var read = await source.ReadAsync(destination, cancellationToken);
        if (read == 0)
        {
            _sourceDone = true;
            return 0;
        }

        if (CanReplay)
        {
            if (_length + read > limit)
            {
                CanReplay = false;
                _buffer = [];
            }
            else
            {
                if (_length + read > _buffer.Length)
                {
                    Array.Resize(ref _buffer, Math.Min(limit, Math.Max(_buffer.Length * 2, _length + read)));
                }

                destination.Span[..read].CopyTo(_buffer.AsSpan(_length));
                _length += read;
            }
        }

        return read;
    }

    private sealed class TryStream(ReplayableBody body) : Stream
    {
        private int _position;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            if (_position < body._length)
            {
                if (buffer.IsEmpty)
                {
                    return 0;
                }

                if (!body.CanReplay)
                {
                    throw new InvalidOperationException("The request body outgrew the retry buffer.");
                }

                var count = Math.Min(buffer.Length, body._length - _position);
                body._buffer.AsSpan(_position, count).CopyTo(buffer.Span);
                _position += count;
                return count;
            }

            var read = await body.ReadSourceAsync(buffer, cancellationToken);
            _position += read;
            return read;
        }

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override int Read(byte[] buffer, int offset, int count) => ReadAsync(buffer, offset, count).GetAwaiter().GetResult();

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
