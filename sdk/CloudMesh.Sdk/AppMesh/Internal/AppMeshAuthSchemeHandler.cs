using Amazon.Runtime;
using Amazon.Runtime.Credentials.Internal;
using Amazon.Runtime.Internal;
using Amazon.Runtime.Internal.Auth;

namespace CloudMesh.Sdk.AppMesh.Internal;

/// <summary>Selects the auth scheme for each request: SigV4 for every App Mesh operation, as the model declares.</summary>
internal sealed class AppMeshAuthSchemeHandler : BaseAuthResolverHandler
{
    protected override List<IAuthSchemeOption> ResolveAuthOptions(IExecutionContext executionContext) => AuthSchemeOption.DEFAULT_SIGV4;
}
