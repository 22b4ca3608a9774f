namespace CloudMesh.Api.Core.Errors;

/// <summary>
/// An App Mesh API error: thrown anywhere below the HTTP edge and rendered there as a rest-json error
/// (<c>x-amzn-ErrorType</c> header, <c>{"message": ...}</c> body, the code's status).
/// </summary>
public sealed class AppMeshException : Exception
{
    /// <summary>Creates an error with an App Mesh error code and a message that says what was wrong and where.</summary>
    public AppMeshException(string code, string message, int? statusCode = null)
        : base(message)
    {
        Code = code;
        StatusCode = statusCode ?? AppMeshErrorCode.StatusOf(code);
    }

    /// <summary>The error code (an error shape name such as <c>NotFoundException</c>).</summary>
    public string Code { get; }

    /// <summary>The HTTP status to answer with.</summary>
    public int StatusCode { get; }

    /// <summary>A BadRequestException.</summary>
    public static AppMeshException BadRequest(string message) => new(AppMeshErrorCode.BadRequest, message);

    /// <summary>A NotFoundException.</summary>
    public static AppMeshException NotFound(string message) => new(AppMeshErrorCode.NotFound, message);

    /// <summary>A ConflictException.</summary>
    public static AppMeshException Conflict(string message) => new(AppMeshErrorCode.Conflict, message);

    /// <summary>A ResourceInUseException.</summary>
    public static AppMeshException InUse(string message) => new(AppMeshErrorCode.ResourceInUse, message);
}
