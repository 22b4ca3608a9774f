using CloudMesh.AppMesh.Model;
using CloudMesh.SigV4;

namespace CloudMesh.Fuzz.Tests.Oracle;

/// <summary>The error codes a response may carry: the operation's errors in the model, plus SigV4's own.</summary>
internal static class ErrorCodes
{
    /// <summary>SigV4 failures and their statuses (the AWS front end answers these before any operation runs).</summary>
    public static readonly IReadOnlyDictionary<string, int> SigV4 = new Dictionary<string, int>(StringComparer.Ordinal)
    {
        [SigV4ErrorCodes.MissingAuthenticationToken] = 403,
        [SigV4ErrorCodes.IncompleteSignature] = 400,
        [SigV4ErrorCodes.UnrecognizedClient] = 403,
        [SigV4ErrorCodes.InvalidSignature] = 403,
    };

    /// <summary>The status <paramref name="code"/> must come with, or null when <paramref name="operation"/> may not return it.</summary>
    public static int? StatusFor(OperationModel operation, string code)
    {
        if (SigV4.TryGetValue(code, out var status))
        {
            return status;
        }

        if (!operation.Errors.Contains(code))
        {
            return null;
        }

        return ServiceModel.AppMesh.GetShape(code).HttpStatusCode;
    }
}
