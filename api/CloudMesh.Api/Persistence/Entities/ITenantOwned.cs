namespace CloudMesh.Api.Persistence.Entities;

/// <summary>A row that belongs to one tenant. The DbContext filters every query by it and stamps it on insert.</summary>
public interface ITenantOwned
{
    /// <summary>The owning tenant's account id.</summary>
    string AccountId { get; set; }
}
