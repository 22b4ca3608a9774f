using CloudMesh.ControlPlane.Sources;

namespace CloudMesh.Proxy.Xds.Tests.Support;

/// <summary>Stands in for the PostgreSQL token store (tested with the API): one valid xDS token for the shop's tenant.</summary>
internal sealed class TestTokens : IXdsTokenValidator
{
    public const string Valid = "cmx_test_token_for_the_shop_tenant";

    public ValueTask<string?> ValidateAsync(string token, CancellationToken cancellationToken) =>
        ValueTask.FromResult(token == Valid ? ShopMesh.AccountId : null);
}
