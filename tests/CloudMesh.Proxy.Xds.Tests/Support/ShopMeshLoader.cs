using CloudMesh.ControlPlane.Model;
using CloudMesh.ControlPlane.Sources;

namespace CloudMesh.Proxy.Xds.Tests.Support;

/// <summary>Stands in for the PostgreSQL loader (tested with the API): serves <see cref="ShopMesh"/> as it is now.</summary>
internal sealed class ShopMeshLoader(ShopMesh mesh) : IMeshSnapshotLoader
{
    public ValueTask<MeshSnapshot?> LoadAsync(string accountId, string meshName, CancellationToken cancellationToken) =>
        ValueTask.FromResult(accountId == ShopMesh.AccountId && meshName == ShopMesh.MeshName ? mesh.Snapshot() : null);
}
