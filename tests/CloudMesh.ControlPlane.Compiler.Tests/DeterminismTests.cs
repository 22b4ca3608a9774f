using CloudMesh.ControlPlane.Compiler.Tests.Support;
using CloudMesh.ControlPlane.Model;
using Google.Protobuf;

namespace CloudMesh.ControlPlane.Compiler.Tests;

/// <summary>Identical input must give byte-identical output: snapshot hashes and xDS versions depend on it.</summary>
public sealed class DeterminismTests
{
    [Theory]
    [MemberData(nameof(GoldenFileTests.Cases), MemberType = typeof(GoldenFileTests))]
    public void Compiling_twice_gives_identical_bytes(string name)
    {
        var golden = GoldenCase.Named(name);
        var (first, proxy) = golden.Load();
        var (second, _) = golden.Load();

        var a = MeshCompiler.Prepare(first).Compile(proxy)!;
        var b = MeshCompiler.Prepare(second).Compile(proxy)!;

        Assert.Equal(Bytes(a), Bytes(b));
    }

    [Theory]
    [MemberData(nameof(GoldenFileTests.Cases), MemberType = typeof(GoldenFileTests))]
    public void Output_does_not_depend_on_the_order_resources_arrive_in(string name)
    {
        var golden = GoldenCase.Named(name);
        var (ordered, proxy) = golden.Load();
        var (reversed, _) = golden.Load(reversed: true);

        Assert.Equal(Bytes(MeshCompiler.Prepare(ordered).Compile(proxy)!), Bytes(MeshCompiler.Prepare(reversed).Compile(proxy)!));
    }

    [Fact]
    public void One_prepared_mesh_compiles_the_same_proxy_identically_on_many_threads()
    {
        var (snapshot, proxy) = GoldenCase.Named("gateway-router-target").Load();
        var mesh = MeshCompiler.Prepare(snapshot);
        var expected = Bytes(mesh.Compile(proxy)!);

        var results = new byte[16][];
        Parallel.For(0, results.Length, i => results[i] = Bytes(mesh.Compile(proxy)!));

        Assert.All(results, bytes => Assert.Equal(expected, bytes));
    }

    /// <summary>Every resource's protobuf encoding, in list order: what an xDS server would hash and send.</summary>
    internal static byte[] Bytes(ProxyConfig config)
    {
        using var stream = new MemoryStream();
        foreach (var list in new IEnumerable<IMessage>[] { config.Listeners, config.ApiListeners, config.RouteConfigurations, config.Clusters, config.ClusterLoadAssignments })
        {
            stream.WriteByte(0xff);
            foreach (var message in list)
            {
                message.WriteDelimitedTo(stream);
            }
        }

        return stream.ToArray();
    }
}
