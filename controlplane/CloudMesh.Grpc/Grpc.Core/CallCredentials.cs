namespace Grpc.Core;

/// <summary>Per-call credentials: interceptors that add metadata (tokens, signatures) to each call.</summary>
public abstract class CallCredentials
{
    /// <summary>Credentials applying several credentials in order.</summary>
    public static CallCredentials Compose(params CallCredentials[] credentials) => new CompositeCallCredentials(credentials);

    /// <summary>Credentials from an interceptor that adds metadata.</summary>
    public static CallCredentials FromInterceptor(AsyncAuthInterceptor interceptor) => new InterceptorCallCredentials(interceptor);

    /// <summary>Describes these credentials to the transport's configurator (not for application use).</summary>
    public abstract void InternalPopulateConfiguration(CallCredentialsConfiguratorBase configurator, object? state);

    private sealed class CompositeCallCredentials : CallCredentials
    {
        private readonly IReadOnlyList<CallCredentials> _credentials;

        public CompositeCallCredentials(CallCredentials[] credentials)
        {
            ArgumentNullException.ThrowIfNull(credentials);
            if (credentials.Length < 2)
            {
                throw new ArgumentException("Composite credentials object can only be created from 2 or more credentials.", nameof(credentials));
            }

            _credentials = credentials.ToArray();
        }

        public override void InternalPopulateConfiguration(CallCredentialsConfiguratorBase configurator, object? state) =>
            configurator.SetCompositeCredentials(state, _credentials);
    }

    private sealed class InterceptorCallCredentials : CallCredentials
    {
        private readonly AsyncAuthInterceptor _interceptor;

        public InterceptorCallCredentials(AsyncAuthInterceptor interceptor)
        {
            ArgumentNullException.ThrowIfNull(interceptor);
            _interceptor = interceptor;
        }

        public override void InternalPopulateConfiguration(CallCredentialsConfiguratorBase configurator, object? state) =>
            configurator.SetAsyncAuthInterceptorCredentials(state, _interceptor);
    }
}
