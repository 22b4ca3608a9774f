namespace Grpc.Core;

/// <summary>Adds authentication metadata to an outgoing call (see <see cref="CallCredentials.FromInterceptor"/>).</summary>
public delegate Task AsyncAuthInterceptor(AuthInterceptorContext context, Metadata metadata);
