namespace CloudMesh.Api.Core.Errors;

/// <summary>The App Mesh error codes (error shape names in the model) and their HTTP statuses.</summary>
public static class AppMeshErrorCode
{
    /// <summary>A violated constraint or malformed request.</summary>
    public const string BadRequest = "BadRequestException";
    /// <summary>The named resource does not exist.</summary>
    public const string NotFound = "NotFoundException";
    /// <summary>A name already in use, or a client token reused with different input.</summary>
    public const string Conflict = "ConflictException";
    /// <summary>The resource is referenced by, or contains, other resources.</summary>
    public const string ResourceInUse = "ResourceInUseException";
    /// <summary>The caller may not do this.</summary>
    public const string Forbidden = "ForbiddenException";
    /// <summary>The tenant's request rate limit was exceeded.</summary>
    public const string TooManyRequests = "TooManyRequestsException";
    /// <summary>A tenant quota was exceeded.</summary>
    public const string LimitExceeded = "LimitExceededException";
    /// <summary>A resource would carry more than 50 tags.</summary>
    public const string TooManyTags = "TooManyTagsException";
    /// <summary>A dependency (the database) is unavailable; retryable.</summary>
    public const string ServiceUnavailable = "ServiceUnavailableException";
    /// <summary>An unexpected failure.</summary>
    public const string InternalServerError = "InternalServerErrorException";

    /// <summary>The HTTP status App Mesh's model assigns to <paramref name="code"/>.</summary>
    public static int StatusOf(string code) => code switch
    {
        BadRequest or LimitExceeded or TooManyTags => 400,
        NotFound => 404,
        Conflict or ResourceInUse => 409,
        Forbidden => 403,
        TooManyRequests => 429,
        ServiceUnavailable => 503,
        _ => 500,
    };
}
