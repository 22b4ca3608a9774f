using CloudMesh.Api.Core.Resources;
using CloudMesh.Manifests.Kubernetes;
using CloudMesh.Manifests.Native;

namespace CloudMesh.Manifests;

/// <summary>
/// Loads manifests into the App Mesh resources they declare: parses YAML, reads the native form and the App Mesh
/// controller's <c>appmesh.k8s.aws/v1beta2</c> objects, rejects duplicates and validates every resource against the
/// API model. Pure: no network; the file variant only reads the given files.
/// </summary>
public static class ManifestLoader
{
    private static readonly string[] ManifestExtensions = [".yaml", ".yml"];

    /// <summary>
    /// Loads the files at <paramref name="paths"/>; a directory stands for its <c>*.yaml</c> and <c>*.yml</c> files
    /// (not recursive), in ordinal name order.
    /// </summary>
    /// <returns>The resources, each once, in the order the manifests declare them.</returns>
    /// <exception cref="ManifestException">Any file cannot be read or any manifest is invalid; lists every problem.</exception>
    public static IReadOnlyList<DesiredResource> LoadFiles(IEnumerable<string> paths)
    {
        ArgumentNullException.ThrowIfNull(paths);
        var errors = new List<ManifestError>();
        var sources = new List<ManifestSource>();
        foreach (var path in paths)
        {
            foreach (var file in Expand(path, errors))
            {
                try
                {
                    sources.Add(new ManifestSource(file, File.ReadAllText(file)));
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    errors.Add(new ManifestError(SourceLocation.WholeFile(file), $"cannot read the file: {e.Message}"));
                }
            }
        }

        return Load(sources, errors);
    }

    /// <summary>Loads manifests already in memory (standard input, tests).</summary>
    /// <exception cref="ManifestException">Any manifest is invalid; lists every problem.</exception>
    public static IReadOnlyList<DesiredResource> Load(IEnumerable<ManifestSource> sources)
    {
        ArgumentNullException.ThrowIfNull(sources);
        return Load(sources.ToList(), []);
    }

    private static IReadOnlyList<DesiredResource> Load(IReadOnlyList<ManifestSource> sources, List<ManifestError> errors)
    {
        var sourceMap = new SourceMap();
        var reader = new ManifestReader(sourceMap, errors);
        var native = new NativeManifestReader(reader);
        var kubernetes = new KubernetesManifestReader(reader);
        var resources = new List<DesiredResource>();
        var kubernetesObjects = new List<KubernetesObject>();
        foreach (var source in sources)
        {
            foreach (var document in ManifestFileParser.Parse(source, sourceMap, errors))
            {
                ReadDocument(document, reader, native, kubernetes, resources, kubernetesObjects);
            }
        }

        new KubernetesTranslator(reader).Translate(kubernetesObjects, resources);
        var unique = RejectDuplicates(resources, errors);
        foreach (var resource in unique)
        {
            ResourceValidator.Validate(resource, errors);
        }

        if (errors.Count > 0)
        {
            throw new ManifestException(InFileOrder(errors, sources));
        }

        return unique;
    }

    private static void ReadDocument(
        ManifestDocument document,
        ManifestReader reader,
        NativeManifestReader native,
        KubernetesManifestReader kubernetes,
        List<DesiredResource> resources,
        List<KubernetesObject> kubernetesObjects)
    {
        var root = document.Root;
        if (root.ContainsKey("cloudmesh"))
        {
            native.Read(document, resources);
            return;
        }

        if (!root.ContainsKey("apiVersion"))
        {
            reader.Error(document.Location,
                $"not a CloudMesh manifest: expected 'cloudmesh: {NativeManifestReader.Version}' or 'apiVersion: {KubernetesManifestReader.ApiVersion}'");
            return;
        }

        var apiVersion = reader.OptionalString(root, "apiVersion", "manifest", document.Location);
        if (apiVersion is null)
        {
            return;
        }

        if (apiVersion != KubernetesManifestReader.ApiVersion)
        {
            reader.Error(reader.Locate(root, "apiVersion", document.Location),
                $"unknown apiVersion '{apiVersion}'; expected {KubernetesManifestReader.ApiVersion} (or a 'cloudmesh: {NativeManifestReader.Version}' document)");
            return;
        }

        if (kubernetes.Read(document) is { } obj)
        {
            kubernetesObjects.Add(obj);
        }
    }

    private static List<DesiredResource> RejectDuplicates(List<DesiredResource> resources, List<ManifestError> errors)
    {
        var seen = new Dictionary<ResourceKey, DesiredResource>();
        var unique = new List<DesiredResource>(resources.Count);
        foreach (var resource in resources)
        {
            if (seen.TryGetValue(resource.Id, out var first))
            {
                errors.Add(new ManifestError(resource.Location, $"{resource.Id.Describe()} is declared twice: also at {first.Location}"));
                continue;
            }

            seen[resource.Id] = resource;
            unique.Add(resource);
        }

        return unique;
    }

    private static IEnumerable<string> Expand(string path, List<ManifestError> errors)
    {
        if (Directory.Exists(path))
        {
            var files = Directory.EnumerateFiles(path)
                .Where(f => ManifestExtensions.Contains(Path.GetExtension(f), StringComparer.OrdinalIgnoreCase))
                .Order(StringComparer.Ordinal)
                .ToList();
            if (files.Count == 0)
            {
                errors.Add(new ManifestError(SourceLocation.WholeFile(path), "the directory has no *.yaml or *.yml files"));
            }

            return files;
        }

        if (File.Exists(path))
        {
            return [path];
        }

        errors.Add(new ManifestError(SourceLocation.WholeFile(path), "no such file or directory"));
        return [];
    }

    /// <summary>Errors sorted by file (in the order given), line and column; stable for errors at one position.</summary>
    private static List<ManifestError> InFileOrder(List<ManifestError> errors, IReadOnlyList<ManifestSource> sources)
    {
        var fileOrder = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var source in sources)
        {
            fileOrder.TryAdd(source.Name, fileOrder.Count);
        }

        return errors
            .OrderBy(e => fileOrder.GetValueOrDefault(e.Location.File, -1))
            .ThenBy(e => e.Location.Line)
            .ThenBy(e => e.Location.Column)
            .ToList();
    }
}
