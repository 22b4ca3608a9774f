namespace CloudMesh.Sdk.Generator.Model;

/// <summary>The botocore shape types the App Mesh model uses (no maps, blobs or floats appear in it).</summary>
internal enum ShapeKind
{
    Structure,
    String,
    List,
    Integer,
    Long,
    Double,
    Boolean,
    Timestamp,
}
