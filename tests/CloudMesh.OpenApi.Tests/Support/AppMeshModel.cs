using System.IO.Compression;
using System.Text.Json.Nodes;

namespace CloudMesh.OpenApi.Tests.Support;

/// <summary>botocore's App Mesh model (service-2.json.gz), the reference the document is checked against.</summary>
internal sealed class AppMeshModel
{
    private static readonly Lazy<AppMeshModel> Loaded = new(Load);

    private AppMeshModel(JsonObject model)
    {
        Operations = model["operations"]!.AsObject();
        Shapes = model["shapes"]!.AsObject();
    }

    public static AppMeshModel Instance => Loaded.Value;

    public JsonObject Operations { get; }

    public JsonObject Shapes { get; }

    public static TheoryData<string> OperationNames()
    {
        var data = new TheoryData<string>();
        foreach (var name in Instance.Operations.Select(o => o.Key).Order(StringComparer.Ordinal))
        {
            data.Add(name);
        }

        return data;
    }

    public JsonObject Operation(string name) => Operations[name]!.AsObject();

    public JsonObject Shape(string name) => Shapes[name]!.AsObject();

    private static AppMeshModel Load()
    {
        var result = ExternalProcess.Run(
            "python3",
            ["-c", "import botocore,os;print(os.path.join(os.path.dirname(botocore.__file__),'data','appmesh','2019-01-25','service-2.json.gz'))"]);
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException("botocore not found: " + result.Describe());
        }

        using var file = File.OpenRead(result.StandardOutput.Trim());
        using var gzip = new GZipStream(file, CompressionMode.Decompress);
        return new AppMeshModel(JsonNode.Parse(gzip)!.AsObject());
    }
}
