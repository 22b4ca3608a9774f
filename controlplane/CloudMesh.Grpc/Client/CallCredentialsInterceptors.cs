using Grpc.Core;

namespace CloudMesh.Grpc.Client;

/// <summary>Flattens <see cref="CallCredentials"/> (possibly composite) into the interceptors to run, in order.</summary>
internal sealed class CallCredentialsInterceptors : CallCredentialsConfiguratorBase
{
    private readonly List<AsyncAuthInterceptor> _interceptors = [];

    public static IReadOnlyList<AsyncAuthInterceptor> Collect(CallCredentials credentials)
    {
        var collector = new CallCredentialsInterceptors();
        credentials.InternalPopulateConfiguration(collector, null);
        return collector._interceptors;
    }

    public override void SetCompositeCredentials(object? state, IReadOnlyList<CallCredentials> credentials)
    {
        foreach (var inner in credentials)
        {
            inner.InternalPopulateConfiguration(this, state);
        }
    }

    public override void SetAsyncAuthInterceptorCredentials(object? state, AsyncAuthInterceptor interceptor) => _interceptors.Add(interceptor);
}
