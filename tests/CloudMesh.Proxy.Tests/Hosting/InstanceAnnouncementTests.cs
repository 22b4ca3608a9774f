using CloudMesh.Proxy.Hosting;
using CloudMesh.Proxy.Xds.Configuration;
using CloudMesh.TestSupport;
using CloudMesh.TestSupport.Ecs;
using CloudMesh.Xds;
using Microsoft.Extensions.Logging;

namespace CloudMesh.Proxy.Tests.Hosting;

/// <summary>
/// The instance a proxy announces, completed from ECS task metadata. ECS cannot run here: a loopback HTTP server stands
/// in for the task metadata endpoint and serves a response of the documented v4 shape at <c>/v4/&lt;id&gt;/task</c>.
/// </summary>
public sealed class InstanceAnnouncementTests
{
    private const string Arn = "arn:aws:appmesh:us-west-2:111122223333:mesh/colors/virtualNode/colors-v1";

    private readonly ListLogger _log = new();

    private InstanceAnnouncement Announcement => new(_log) { RetryDelay = TimeSpan.FromMilliseconds(50) };

    [Fact]
    public async Task In_an_ECS_task_the_task_address_ARN_and_zone_are_announced()
    {
        await using var metadata = TaskMetadataServer.Start(EcsTaskMetadataTests.FargateTask());
        var node = XdsNodeFactory.Create(Arn);

        await Announcement.CompleteAsync(node, Env((EcsTaskMetadata.UriVariable, metadata.ContainerUri)));

        Assert.Equal("10.0.2.106", node.Metadata.Fields[NodeMetadataKeys.InstanceAddress].StringValue);
        Assert.Equal("arn:aws:ecs:us-west-2:111122223333:task/colors/5a1c0f7e9b2d4c3f8e6a7b0c1d2e3f40",
            node.Metadata.Fields[NodeMetadataKeys.InstanceId].StringValue);
        Assert.False(node.Metadata.Fields.ContainsKey(NodeMetadataKeys.InstancePort)); // the virtual node's listener port
        Assert.Equal(("us-west-2", "us-west-2b"), (node.Locality.Region, node.Locality.Zone));
        Assert.Equal(["/v4/5a1c0f7e-1028351877/task"], metadata.Paths);
    }

    [Fact]
    public async Task An_explicit_address_wins_and_the_endpoint_is_not_asked()
    {
        await using var metadata = TaskMetadataServer.Start(EcsTaskMetadataTests.FargateTask());
        var env = Env((EcsTaskMetadata.UriVariable, metadata.ContainerUri), ("APPMESH_RESOURCE_ARN", Arn),
            ("CLOUDMESH_INSTANCE_ADDRESS", "10.9.9.9"), ("CLOUDMESH_INSTANCE_ID", "vm-1"));
        var node = XdsNodeFactory.FromEnvironment(env);

        await Announcement.CompleteAsync(node, env);

        Assert.Equal("10.9.9.9", node.Metadata.Fields[NodeMetadataKeys.InstanceAddress].StringValue);
        Assert.Equal("vm-1", node.Metadata.Fields[NodeMetadataKeys.InstanceId].StringValue);
        Assert.Empty(metadata.Paths);
    }

    [Fact]
    public async Task An_explicit_instance_id_is_kept_with_the_task_address()
    {
        await using var metadata = TaskMetadataServer.Start(EcsTaskMetadataTests.FargateTask());
        var env = Env((EcsTaskMetadata.UriVariable, metadata.ContainerUri), ("APPMESH_RESOURCE_ARN", Arn), ("CLOUDMESH_INSTANCE_ID", "colors-v1-a"));
        var node = XdsNodeFactory.FromEnvironment(env);

        await Announcement.CompleteAsync(node, env);

        Assert.Equal("10.0.2.106", node.Metadata.Fields[NodeMetadataKeys.InstanceAddress].StringValue);
        Assert.Equal("colors-v1-a", node.Metadata.Fields[NodeMetadataKeys.InstanceId].StringValue);
    }

    [Fact]
    public async Task An_unreachable_endpoint_is_retried_logged_and_the_proxy_starts_without_an_instance()
    {
        var nowhere = $"http://127.0.0.1:{FreePort.Get()}/v4/abc";
        var node = XdsNodeFactory.Create(Arn);

        await Announcement.CompleteAsync(node, Env((EcsTaskMetadata.UriVariable, nowhere)));

        Assert.False(node.Metadata.Fields.ContainsKey(NodeMetadataKeys.InstanceAddress));
        var warning = Assert.Single(_log.Entries, e => e.Level == LogLevel.Warning);
        Assert.Contains(nowhere, warning.Message, StringComparison.Ordinal);
        Assert.Contains("no instance announced", warning.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_endpoint_answering_an_error_is_retried_then_given_up()
    {
        await using var metadata = TaskMetadataServer.Start(null);
        var node = XdsNodeFactory.Create(Arn);

        await Announcement.CompleteAsync(node, Env((EcsTaskMetadata.UriVariable, metadata.ContainerUri)));

        Assert.False(node.Metadata.Fields.ContainsKey(NodeMetadataKeys.InstanceAddress));
        Assert.Equal(3, metadata.Paths.Count);
        Assert.Contains("500", Assert.Single(_log.Entries, e => e.Level == LogLevel.Warning).Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_bridge_mode_task_announces_nothing_and_says_why()
    {
        await using var metadata = TaskMetadataServer.Start(
            """{"TaskARN":"arn:aws:ecs:us-east-1:111122223333:task/default/0123","Containers":[{"Networks":[{"NetworkMode":"bridge","IPv4Addresses":["172.17.0.2"]}]}]}""");
        var node = XdsNodeFactory.Create(Arn);

        await Announcement.CompleteAsync(node, Env((EcsTaskMetadata.UriVariable, metadata.ContainerUri)));

        Assert.False(node.Metadata.Fields.ContainsKey(NodeMetadataKeys.InstanceAddress));
        Assert.Contains("no awsvpc IPv4 address", Assert.Single(_log.Entries, e => e.Level == LogLevel.Warning).Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Outside_ECS_nothing_changes()
    {
        var node = XdsNodeFactory.Create(Arn);

        await Announcement.CompleteAsync(node, Env());

        Assert.Empty(node.Metadata.Fields);
        Assert.Empty(_log.Entries);
    }

    private static Func<string, string?> Env(params (string Key, string Value)[] values)
    {
        var map = values.ToDictionary(v => v.Key, v => v.Value);
        return key => map.GetValueOrDefault(key);
    }

    private sealed class ListLogger : ILogger
    {
        public List<(LogLevel Level, string Message)> Entries { get; } = [];

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            lock (Entries)
            {
                Entries.Add((logLevel, formatter(state, exception)));
            }
        }
    }
}
