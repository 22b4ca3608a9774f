namespace CloudMesh.TestSupport.ApiServer;

/// <summary>A tenant created through the admin API, with one access key.</summary>
public sealed record TenantCredentials(string AccountId, string AccessKeyId, string SecretAccessKey);
