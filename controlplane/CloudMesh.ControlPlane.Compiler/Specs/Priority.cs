namespace CloudMesh.ControlPlane.Compiler.Specs;

/// <summary>A route or gateway route: ordered by App Mesh's priority rules.</summary>
internal interface IPrioritized
{
    string Name { get; }

    int? Priority { get; }
}

/// <summary>
/// App Mesh's route order: a lower priority number first, routes without a priority after all routes
/// with one, and ties broken by name (ordinal) so the order never depends on storage order.
/// </summary>
internal sealed class PriorityOrder : IComparer<IPrioritized>
{
    public static readonly PriorityOrder Instance = new();

    public int Compare(IPrioritized? x, IPrioritized? y)
    {
        if (ReferenceEquals(x, y))
        {
            return 0;
        }

        if (x is null || y is null)
        {
            return x is null ? -1 : 1;
        }

        var byPriority = (x.Priority, y.Priority) switch
        {
            (null, null) => 0,
            (null, _) => 1,
            (_, null) => -1,
            ({ } a, { } b) => a.CompareTo(b),
        };
        return byPriority != 0 ? byPriority : string.CompareOrdinal(x.Name, y.Name);
    }
}
