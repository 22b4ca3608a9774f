using CloudMesh.ControlPlane.Resources;
using CloudMesh.Xds;

namespace CloudMesh.ControlPlane.Protocol;

/// <summary>Orders per-type statuses the way operators read them: CDS, EDS, LDS, RDS, then any other type.</summary>
internal static class StatusOrder
{
    public static IReadOnlyList<XdsTypeStatus> Sort(IEnumerable<XdsTypeStatus> statuses)
    {
        // Published on every request of every stream: a plain array sort, not a LINQ ordering with its allocations.
        XdsTypeStatus[] sorted = [.. statuses];
        Array.Sort(sorted, static (a, b) =>
        {
            int byRank = Rank(a.TypeUrl).CompareTo(Rank(b.TypeUrl));
            return byRank != 0 ? byRank : string.CompareOrdinal(a.TypeUrl, b.TypeUrl);
        });
        return sorted;
    }

    private static int Rank(string typeUrl)
    {
        for (int i = 0; i < PushOrder.Types.Count; i++)
        {
            if (PushOrder.Types[i] == typeUrl)
            {
                return i;
            }
        }

        return int.MaxValue;
    }
}
