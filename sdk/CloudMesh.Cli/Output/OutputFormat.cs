namespace CloudMesh.Cli.Output;

/// <summary>How a command prints what it read: a table for people, JSON or YAML for scripts and for pasting back.</summary>
internal enum OutputFormat
{
    /// <summary>Aligned columns.</summary>
    Table,

    /// <summary>Indented JSON, the API's own member names.</summary>
    Json,

    /// <summary>YAML, the API's own member names.</summary>
    Yaml,
}
