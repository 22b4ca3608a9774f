using System.Net;
using CloudMesh.Proxy.Hosting;

namespace CloudMesh.Proxy.Tests.Hosting;

/// <summary>
/// Reading ECS task metadata v4 responses. testassets/ecs-task-metadata-v4-fargate.json follows the shape AWS documents
/// for <c>${ECS_CONTAINER_METADATA_URI_V4}/task</c> on Fargate (values are ours).
/// </summary>
public sealed class EcsTaskMetadataTests
{
    internal static string FargateTask() =>
        File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Hosting", "testassets", "ecs-task-metadata-v4-fargate.json"));

    [Fact]
    public void A_Fargate_task_gives_its_ARN_zone_and_awsvpc_address()
    {
        var task = EcsTaskMetadata.Parse(FargateTask());

        Assert.Equal("arn:aws:ecs:us-west-2:111122223333:task/colors/5a1c0f7e9b2d4c3f8e6a7b0c1d2e3f40", task.TaskArn);
        Assert.Equal("us-west-2b", task.AvailabilityZone);
        Assert.Equal(IPAddress.Parse("10.0.2.106"), task.Address);
    }

    [Fact]
    public void The_pause_container_of_an_EC2_awsvpc_task_answers_for_the_task()
    {
        // EC2 tasks in awsvpc mode list the ~internal~ecs~pause container, which holds the task's interface.
        const string json = """
            {"Cluster":"default","TaskARN":"arn:aws:ecs:us-east-2:111122223333:task/default/9781c2480edd4cdb9a93f63cb662a5d3",
             "Family":"nginx","Revision":"5","DesiredStatus":"RUNNING","KnownStatus":"RUNNING",
             "Containers":[
               {"Name":"~internal~ecs~pause","Type":"CNI_PAUSE","Networks":[{"NetworkMode":"awsvpc","IPv4Addresses":["10.0.2.61"]}]},
               {"Name":"nginx","Type":"NORMAL","Networks":[]}],
             "AvailabilityZone":"us-east-2a"}
            """;

        Assert.Equal(IPAddress.Parse("10.0.2.61"), EcsTaskMetadata.Parse(json).Address);
    }

    [Theory]
    [InlineData("bridge", "172.17.0.2")]
    [InlineData("host", "10.0.0.5")]
    public void Other_network_modes_give_no_address_other_tasks_could_reach(string mode, string address)
    {
        var json = $$"""
            {"TaskARN":"arn:aws:ecs:us-east-1:111122223333:task/default/0123456789abcdef0123456789abcdef",
             "Containers":[{"Name":"envoy","Networks":[{"NetworkMode":"{{mode}}","IPv4Addresses":["{{address}}"]}]}]}
            """;

        var task = EcsTaskMetadata.Parse(json);

        Assert.Null(task.Address);
        Assert.Null(task.AvailabilityZone);
    }

    [Theory]
    [InlineData("{\"Containers\":[]}")]
    [InlineData("[]")]
    [InlineData("<html>not found</html>")]
    public void Anything_but_a_task_response_is_refused(string json) =>
        Assert.Throws<FormatException>(() => EcsTaskMetadata.Parse(json));
}
