using System.Collections.Generic;

namespace CloudMesh.Sdk.Generator.Json;

/// <summary>A JSON object that keeps its properties in document order (the model's member order is the wire order).</summary>
internal sealed class JsonObject
{
    private readonly List<KeyValuePair<string, object?>> _properties = new();
    private readonly Dictionary<string, object?> _byName = new();

    /// <summary>The properties in document order.</summary>
    public IReadOnlyList<KeyValuePair<string, object?>> Properties => _properties;

    public void Add(string name, object? value)
    {
        _properties.Add(new KeyValuePair<string, object?>(name, value));
        _byName[name] = value;
    }

    public object? this[string name] => _byName.TryGetValue(name, out var value) ? value : null;

    public JsonObject? Object(string name) => this[name] as JsonObject;

    public List<object?>? Array(string name) => this[name] as List<object?>;

    public string? String(string name) => this[name] as string;

    public bool Flag(string name) => this[name] is true;

    public long? Integer(string name) => this[name] is double d ? (long)d : null;
}
