namespace Grpc.Core;

/// <summary>The transport's view of <see cref="CallCredentials"/> (visitor); not for application use.</summary>
public abstract class CallCredentialsConfiguratorBase
{
    /// <summary>Receives composite credentials.</summary>
    public abstract void SetCompositeCredentials(object? state, IReadOnlyList<CallCredentials> credentials);

    /// <summary>Receives interceptor credentials.</summary>
    public abstract void SetAsyncAuthInterceptorCredentials(object? state, AsyncAuthInterceptor interceptor);
}
