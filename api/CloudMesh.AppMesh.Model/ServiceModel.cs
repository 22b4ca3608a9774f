namespace CloudMesh.AppMesh.Model;

/// <summary>
/// A service's API as data: operations and shapes loaded from a botocore-format model. Immutable and safe to share
/// across threads.
/// </summary>
public sealed class ServiceModel
{
    internal const string AppMeshResourceName = "CloudMesh.AppMesh.Model.appmesh-2019-01-25.json";

    private static readonly Lazy<ServiceModel> LazyAppMesh = new(LoadAppMesh, LazyThreadSafetyMode.ExecutionAndPublication);

    internal ServiceModel(
        string apiVersion,
        string signingName,
        string protocol,
        IReadOnlyDictionary<string, OperationModel> operations,
        IReadOnlyDictionary<string, ShapeModel> shapes)
    {
        ApiVersion = apiVersion;
        SigningName = signingName;
        Protocol = protocol;
        Operations = operations;
        Shapes = shapes;
    }

    /// <summary>The App Mesh 2019-01-25 model embedded in this assembly, loaded once on first use.</summary>
    public static ServiceModel AppMesh => LazyAppMesh.Value;

    /// <summary>Operations by name, e.g. <c>CreateMesh</c>.</summary>
    public IReadOnlyDictionary<string, OperationModel> Operations { get; }

    /// <summary>Shapes by name, e.g. <c>VirtualNodeSpec</c>.</summary>
    public IReadOnlyDictionary<string, ShapeModel> Shapes { get; }

    /// <summary>The API version, e.g. <c>2019-01-25</c>.</summary>
    public string ApiVersion { get; }

    /// <summary>The SigV4 signing name, e.g. <c>appmesh</c>.</summary>
    public string SigningName { get; }

    /// <summary>The wire protocol, e.g. <c>rest-json</c>.</summary>
    public string Protocol { get; }

    /// <summary>Returns the shape with this name.</summary>
    /// <param name="name">The shape name (case-sensitive).</param>
    /// <exception cref="KeyNotFoundException">The model has no such shape.</exception>
    public ShapeModel GetShape(string name) =>
        Shapes.TryGetValue(name, out var shape)
            ? shape
            : throw new KeyNotFoundException($"The service model has no shape '{name}'.");

    /// <summary>Loads a botocore-format service model (<c>service-2.json</c>).</summary>
    /// <param name="utf8Json">The model document.</param>
    /// <exception cref="InvalidDataException">The document is not a consistent service model.</exception>
    public static ServiceModel Load(Stream utf8Json)
    {
        ArgumentNullException.ThrowIfNull(utf8Json);
        return ServiceModelReader.Read(utf8Json);
    }

    private static ServiceModel LoadAppMesh()
    {
        using var stream = typeof(ServiceModel).Assembly.GetManifestResourceStream(AppMeshResourceName)
            ?? throw new InvalidOperationException($"Embedded resource '{AppMeshResourceName}' is missing.");
        return ServiceModelReader.Read(stream);
    }
}
