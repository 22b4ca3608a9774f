namespace Grpc.Core;

/// <summary>What an <see cref="AsyncAuthInterceptor"/> knows about the call it decorates.</summary>
public class AuthInterceptorContext
{
    /// <summary>Creates a context.</summary>
    public AuthInterceptorContext(string serviceUrl, string methodName)
        : this(serviceUrl, methodName, CancellationToken.None)
    {
    }

    /// <summary>Creates a context with the call's cancellation token.</summary>
    public AuthInterceptorContext(string serviceUrl, string methodName, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(serviceUrl);
        ArgumentNullException.ThrowIfNull(methodName);
        ServiceUrl = serviceUrl;
        MethodName = methodName;
        CancellationToken = cancellationToken;
    }

    /// <summary>The service's URL, e.g. <c>https://host:443/package.Service</c>.</summary>
    public string ServiceUrl { get; }

    /// <summary>The method's name.</summary>
    public string MethodName { get; }

    /// <summary>Cancelled with the call.</summary>
    public CancellationToken CancellationToken { get; }
}
