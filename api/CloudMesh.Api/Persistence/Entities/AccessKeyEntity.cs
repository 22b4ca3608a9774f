namespace CloudMesh.Api.Persistence.Entities;

/// <summary>A tenant's access key. The secret is stored encrypted because SigV4 verification needs it in clear.</summary>
public sealed class AccessKeyEntity
{
    /// <summary>The public key id (AKIA...).</summary>
    public required string AccessKeyId { get; set; }
    /// <summary>The owning tenant.</summary>
    public required string AccountId { get; set; }
    /// <summary>The secret, encrypted with the service's key (AES-GCM, bound to the key id).</summary>
    public required byte[] EncryptedSecret { get; set; }
    /// <summary>When the key was created.</summary>
    public DateTimeOffset CreatedAt { get; set; }
}
