namespace Grpc.Core;

/// <summary>The propagation token of a server call on this transport.</summary>
internal sealed class ServerCallPropagationToken(DateTime deadline, CancellationToken cancellationToken, ContextPropagationOptions? options)
    : ContextPropagationToken
{
    private readonly ContextPropagationOptions _options = options ?? ContextPropagationOptions.Default;

    internal override DateTime? ParentDeadline => _options.IsPropagateDeadline && deadline != DateTime.MaxValue ? deadline : null;

    internal override CancellationToken ParentCancellationToken => _options.IsPropagateCancellation ? cancellationToken : CancellationToken.None;
}
