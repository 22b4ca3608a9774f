using System.Text.Json;
using System.Text.Json.Nodes;
using CloudMesh.TestSupport;

namespace CloudMesh.Pulumi.Tests.Support;

/// <summary>
/// Calls the plugin as the Pulumi engine does: each call goes through tests/interop/pulumi/provider-client.js, which
/// uses @pulumi/pulumi's generated ResourceProvider client. Requests use the proto field names.
/// </summary>
public sealed class EngineClient : IAsyncDisposable
{
    private readonly NodeProcess _node;
    private readonly SemaphoreSlim _one = new(1, 1);

    private EngineClient(NodeProcess node) => _node = node;

    /// <summary>Starts the driver against a plugin address.</summary>
    public static EngineClient Connect(string address) => new(NodeProcess.Start("pulumi/provider-client.js", [address]));

    /// <summary>Calls <paramref name="method"/>; returns the response as JSON.</summary>
    /// <exception cref="ProviderCallException">The RPC ended with an error status.</exception>
    public async Task<JsonObject> CallAsync(string method, JsonObject? request = null)
    {
        await _one.WaitAsync();
        try
        {
            await _node.SendAsync(new JsonObject { ["method"] = method, ["request"] = request ?? [] }.ToJsonString());
            var answer = JsonNode.Parse(await _node.ReadLineAsync())!.AsObject();
            if (answer["ok"]!.GetValue<bool>())
            {
                return answer["response"]!.AsObject();
            }

            throw new ProviderCallException(method, answer["code"]!.GetValue<int>(), answer["details"]?.GetValue<string>() ?? "");
        }
        catch (JsonException e)
        {
            throw new InvalidOperationException($"The driver printed something other than JSON. Its stderr:\n{_node.Stderr}", e);
        }
        finally
        {
            _one.Release();
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _node.DisposeAsync();
        _one.Dispose();
    }
}
