using System.Runtime.CompilerServices;

namespace Grpc.Core;

/// <summary>Conveniences over <see cref="IAsyncStreamReader{T}"/>.</summary>
public static class AsyncStreamReaderExtensions
{
    /// <summary>Reads the next message without a cancellation token.</summary>
    public static Task<bool> MoveNext<T>(this IAsyncStreamReader<T> streamReader)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(streamReader);
        return streamReader.MoveNext(CancellationToken.None);
    }

    /// <summary>The remaining messages as an async enumerable.</summary>
    public static IAsyncEnumerable<T> ReadAllAsync<T>(this IAsyncStreamReader<T> streamReader, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(streamReader);
        return ReadAll(streamReader, cancellationToken);

        static async IAsyncEnumerable<T> ReadAll(IAsyncStreamReader<T> reader, [EnumeratorCancellation] CancellationToken token)
        {
            while (await reader.MoveNext(token).ConfigureAwait(false))
            {
                yield return reader.Current;
            }
        }
    }
}
