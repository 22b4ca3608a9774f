using Amazon.Runtime;

namespace CloudMesh.Sdk.AppMesh.Internal;

/// <summary>
/// AWSSDK.Core's default-configuration modes with the values AWS generates for every service (standard retries,
/// connect timeouts per mode), so <c>DefaultConfigurationMode</c> behaves as it does with AWS clients.
/// </summary>
internal static class AppMeshDefaultConfiguration
{
    public static IReadOnlyList<IDefaultConfiguration> All { get; } =
    [
        Mode(DefaultConfigurationMode.Standard, RequestRetryMode.Standard, 3100),
        Mode(DefaultConfigurationMode.InRegion, RequestRetryMode.Standard, 1100),
        Mode(DefaultConfigurationMode.CrossRegion, RequestRetryMode.Standard, 3100),
        Mode(DefaultConfigurationMode.Mobile, RequestRetryMode.Standard, 30000),
        Mode(DefaultConfigurationMode.Auto, RequestRetryMode.Standard, 3100),
    ];

    private static DefaultConfiguration Mode(DefaultConfigurationMode name, RequestRetryMode retryMode, int connectTimeoutMs) => new()
    {
        Name = name,
        RetryMode = retryMode,
        S3UsEast1RegionalEndpoint = S3UsEast1RegionalEndpointValue.Regional,
        ConnectTimeout = TimeSpan.FromMilliseconds(connectTimeoutMs),
        TlsNegotiationTimeout = TimeSpan.FromMilliseconds(connectTimeoutMs),
    };
}
