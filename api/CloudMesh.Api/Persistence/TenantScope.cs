namespace CloudMesh.Api.Persistence;

/// <summary>
/// The tenant a request acts for (scoped per request). Authentication sets it once; the DbContext reads it for its
/// query filters and insert stamping, so handlers never pass or compare account ids themselves.
/// </summary>
public sealed class TenantScope
{
    private string? _accountId;

    /// <summary>The current tenant's account id, or null before authentication (then no tenant rows are visible).</summary>
    public string? AccountId => _accountId;

    /// <summary>Binds the scope to a tenant; a scope is bound at most once.</summary>
    public void Bind(string accountId)
    {
        if (_accountId is not null && _accountId != accountId)
        {
            throw new InvalidOperationException("The request is already bound to another tenant.");
        }

        _accountId = accountId;
    }
}
