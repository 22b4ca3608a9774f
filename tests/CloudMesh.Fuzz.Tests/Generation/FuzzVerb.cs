namespace CloudMesh.Fuzz.Tests.Generation;

/// <summary>What an operation does, as far as the fuzzer's expected-state model cares.</summary>
internal enum FuzzVerb
{
    Create,
    Describe,
    Update,
    Delete,
    List,
    TagResource,
    UntagResource,
    ListTagsForResource,
}
