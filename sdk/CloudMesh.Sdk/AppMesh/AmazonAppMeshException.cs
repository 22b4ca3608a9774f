using System.Net;
using Amazon.Runtime;

namespace CloudMesh.Sdk.AppMesh;

/// <summary>
/// The base of every App Mesh error. Modelled error codes have their own subclass (e.g.
/// <see cref="Model.NotFoundException"/>); any other code (such as SigV4's <c>InvalidSignatureException</c>) is thrown
/// as this type with <see cref="AmazonServiceException.ErrorCode"/> set.
/// </summary>
public class AmazonAppMeshException : AmazonServiceException
{
    /// <summary>Constructs an exception with the specified error message.</summary>
    /// <param name="message">Describes the error encountered.</param>
    public AmazonAppMeshException(string message)
        : base(message)
    {
    }

    /// <summary>Constructs an exception with a message and the exception that caused it.</summary>
    /// <param name="message">Describes the error encountered.</param>
    /// <param name="innerException">The exception that caused this one.</param>
    public AmazonAppMeshException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Constructs an exception from the exception that caused it.</summary>
    /// <param name="innerException">The exception that caused this one.</param>
    public AmazonAppMeshException(Exception innerException)
        : base(innerException.Message, innerException)
    {
    }

    /// <summary>Constructs an exception with everything the service returned.</summary>
    /// <param name="message">Describes the error encountered.</param>
    /// <param name="innerException">The exception that caused this one.</param>
    /// <param name="errorType">Whether the sender or the service is at fault.</param>
    /// <param name="errorCode">The error code (the <c>x-amzn-ErrorType</c> header).</param>
    /// <param name="requestId">The request id (the <c>x-amzn-RequestId</c> header).</param>
    /// <param name="statusCode">The HTTP status code.</param>
    public AmazonAppMeshException(string message, Exception? innerException, ErrorType errorType, string? errorCode, string? requestId, HttpStatusCode statusCode)
        : base(message, innerException, errorType, errorCode, requestId, statusCode)
    {
    }

    /// <summary>Constructs an exception with everything the service returned, without an inner exception.</summary>
    /// <param name="message">Describes the error encountered.</param>
    /// <param name="errorType">Whether the sender or the service is at fault.</param>
    /// <param name="errorCode">The error code (the <c>x-amzn-ErrorType</c> header).</param>
    /// <param name="requestId">The request id (the <c>x-amzn-RequestId</c> header).</param>
    /// <param name="statusCode">The HTTP status code.</param>
    public AmazonAppMeshException(string message, ErrorType errorType, string? errorCode, string? requestId, HttpStatusCode statusCode)
        : base(message, errorType, errorCode, requestId, statusCode)
    {
    }
}
