namespace CloudMesh.ControlPlane.Sources;

/// <summary>Validates tenant-scoped xDS tokens (issued through the admin API, stored hashed).</summary>
public interface IXdsTokenValidator
{
    /// <summary>The account id the token belongs to, or null when the token is unknown or revoked.</summary>
    ValueTask<string?> ValidateAsync(string token, CancellationToken cancellationToken);
}
