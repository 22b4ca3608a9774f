namespace CloudMesh.Api.AppMesh;

/// <summary>An authenticated tenant request: SigV4 verified, tenant bound, rate limit applied.</summary>
/// <param name="Http">The HTTP exchange.</param>
/// <param name="AccountId">The tenant the signature's access key belongs to.</param>
/// <param name="Body">The request body, already read (its hash was part of the signature check).</param>
public sealed record TenantRequest(HttpContext Http, string AccountId, byte[] Body);
