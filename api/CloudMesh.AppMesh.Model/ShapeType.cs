namespace CloudMesh.AppMesh.Model;

/// <summary>The kind of value a shape describes, as named by the service model's <c>type</c> field.</summary>
public enum ShapeType
{
    /// <summary>A JSON object with named members.</summary>
    Structure,

    /// <summary>A JSON string.</summary>
    String,

    /// <summary>A JSON array of one member shape.</summary>
    List,

    /// <summary>A JSON object whose keys and values each follow one shape.</summary>
    Map,

    /// <summary>A 32-bit signed integer.</summary>
    Integer,

    /// <summary>A 64-bit signed integer.</summary>
    Long,

    /// <summary>A floating-point number (the model's <c>double</c> and <c>float</c>).</summary>
    Double,

    /// <summary>A JSON boolean.</summary>
    Boolean,

    /// <summary>A point in time: epoch seconds on the wire in rest-json bodies.</summary>
    Timestamp,

    /// <summary>Bytes, base64-encoded in JSON.</summary>
    Blob,
}
