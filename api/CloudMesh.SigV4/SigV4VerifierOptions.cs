namespace CloudMesh.SigV4;

/// <summary>What a <see cref="SigV4Verifier"/> accepts.</summary>
public sealed class SigV4VerifierOptions
{
    /// <summary>The region every credential scope must name. Default <c>us-east-1</c>.</summary>
    public string Region { get; init; } = "us-east-1";

    /// <summary>The service every credential scope must name. Default <c>appmesh</c>.</summary>
    public string Service { get; init; } = "appmesh";

    /// <summary>How far the request's date may be from the server's clock, either way. Default 15 minutes, as AWS.</summary>
    public TimeSpan MaxClockSkew { get; init; } = TimeSpan.FromMinutes(15);

    /// <summary>How many derived signing keys to keep (one per active access key per day). Default 1024.</summary>
    public int SigningKeyCacheCapacity { get; init; } = 1024;
}
