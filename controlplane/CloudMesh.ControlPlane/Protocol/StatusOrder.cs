using CloudMesh.ControlPlane.Resources;

namespace CloudMesh.ControlPlane.Protocol;

/// <summary>Orders per-type statuses the way operators read them: CDS, EDS, LDS, RDS, then any other type.</summary>
internal static class StatusOrder
{
    public static IReadOnlyList<XdsTypeStatus> Sort(IEnumerable<XdsTypeStatus> statuses) =>
        [.. statuses.OrderBy(s => Rank(s.TypeUrl)).ThenBy(s => s.TypeUrl, StringComparer.Ordinal)];

    private static int Rank(string typeUrl)
    {
        for (int i = 0; i < XdsTypeUrls.PushOrder.Count; i++)
        {
            if (XdsTypeUrls.PushOrder[i] == typeUrl)
            {
                return i;
            }
        }

        return int.MaxValue;
    }
}
