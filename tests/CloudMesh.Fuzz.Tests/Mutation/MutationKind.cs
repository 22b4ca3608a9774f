namespace CloudMesh.Fuzz.Tests.Mutation;

/// <summary>The ways the fuzzer breaks a valid request.</summary>
internal enum MutationKind
{
    DropRequired,
    AddUnknown,
    WrongType,
    BoundaryNumber,
    HugeString,
    OddString,
    InvalidEscape,
    DeepNesting,
    DuplicateKey,
    Truncate,
    NonObjectBody,
    BadLabel,
    BadQuery,
    ForeignTenant,
}
