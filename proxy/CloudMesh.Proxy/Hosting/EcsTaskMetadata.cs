using System.Net;
using System.Net.Sockets;
using System.Text.Json;

namespace CloudMesh.Proxy.Hosting;

/// <summary>
/// What the proxy needs from the ECS task metadata endpoint v4 (<c>${ECS_CONTAINER_METADATA_URI_V4}/task</c>): the
/// task's ARN, its availability zone, and the IPv4 address of its <c>awsvpc</c> network interface, which is the address
/// other tasks reach it at.
/// </summary>
/// <param name="TaskArn">The task's ARN (<c>TaskARN</c>), announced as the instance id.</param>
/// <param name="AvailabilityZone">The task's zone (<c>AvailabilityZone</c>), when the agent reports it.</param>
/// <param name="Address">The task's first <c>awsvpc</c> IPv4 address, or null when the task has none (bridge or host mode).</param>
public sealed record EcsTaskMetadata(string TaskArn, string? AvailabilityZone, IPAddress? Address)
{
    /// <summary>The variable ECS sets in every container of a task (agent 1.39.0 or later, Fargate platform 1.4.0 or later).</summary>
    public const string UriVariable = "ECS_CONTAINER_METADATA_URI_V4";

    /// <summary>
    /// Reads a task metadata response. The address comes from the task's <c>Networks</c> when present, else from the
    /// containers' (every container of an <c>awsvpc</c> task shares the task's interface, so the first one with an
    /// address answers for all). Other network modes report addresses only the host can reach, so they give none.
    /// </summary>
    /// <exception cref="FormatException">The document is not a task metadata response (no <c>TaskARN</c>).</exception>
    public static EcsTaskMetadata Parse(string json)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            var task = document.RootElement;
            if (task.ValueKind != JsonValueKind.Object || String(task, "TaskARN") is not { } arn)
            {
                throw new FormatException("The task metadata has no TaskARN.");
            }

            var address = AwsvpcAddress(task);
            if (address is null && task.TryGetProperty("Containers", out var containers) && containers.ValueKind == JsonValueKind.Array)
            {
                foreach (var container in containers.EnumerateArray())
                {
                    if ((address = AwsvpcAddress(container)) is not null)
                    {
                        break;
                    }
                }
            }

            return new EcsTaskMetadata(arn, String(task, "AvailabilityZone"), address);
        }
        catch (JsonException e)
        {
            throw new FormatException($"The task metadata is not JSON: {e.Message}", e);
        }
    }

    /// <summary>GETs <c><paramref name="metadataUri"/>/task</c> and parses it.</summary>
    /// <exception cref="HttpRequestException">The endpoint is unreachable or does not answer 200.</exception>
    /// <exception cref="FormatException">The answer is not a task metadata response.</exception>
    public static async Task<EcsTaskMetadata> FetchAsync(HttpClient http, Uri metadataUri, CancellationToken cancellationToken)
    {
        var task = new Uri(metadataUri.AbsoluteUri.TrimEnd('/') + "/task");
        using var response = await http.GetAsync(task, cancellationToken).ConfigureAwait(false);
        response.EnsureSuccessStatusCode();
        return Parse(await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false));
    }

    private static IPAddress? AwsvpcAddress(JsonElement owner)
    {
        if (!owner.TryGetProperty("Networks", out var networks) || networks.ValueKind != JsonValueKind.Array)
        {
            return null;
        }

        foreach (var network in networks.EnumerateArray())
        {
            if (network.ValueKind != JsonValueKind.Object || String(network, "NetworkMode") != "awsvpc"
                || !network.TryGetProperty("IPv4Addresses", out var addresses) || addresses.ValueKind != JsonValueKind.Array)
            {
                continue;
            }

            foreach (var text in addresses.EnumerateArray())
            {
                if (text.ValueKind == JsonValueKind.String && IPAddress.TryParse(text.GetString(), out var address)
                    && address.AddressFamily == AddressFamily.InterNetwork)
                {
                    return address;
                }
            }
        }

        return null;
    }

    private static string? String(JsonElement owner, string name) =>
        owner.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String && value.GetString() is { Length: > 0 } text
            ? text
            : null;
}
