using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace CloudMesh.Api.AppMesh;

/// <summary>
/// A canonical hash of a JSON value (object members sorted by name), so that the same request sent twice with
/// members in another order is recognised as the same request for clientToken idempotency.
/// </summary>
public static class CanonicalJson
{
    /// <summary>Hex SHA-256 of the canonical form of <paramref name="node"/>, leaving out the top-level member <paramref name="except"/>.</summary>
    public static string Hash(JsonNode? node, string? except = null)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            Write(writer, node, except);
        }

        return Convert.ToHexStringLower(SHA256.HashData(buffer.GetBuffer().AsSpan(0, (int)buffer.Length)));
    }

    private static void Write(Utf8JsonWriter writer, JsonNode? node, string? except = null)
    {
        switch (node)
        {
            case null:
                writer.WriteNullValue();
                break;
            case JsonObject obj:
                writer.WriteStartObject();
                foreach (var (name, value) in obj.OrderBy(p => p.Key, StringComparer.Ordinal))
                {
                    if (name == except)
                    {
                        continue;
                    }

                    writer.WritePropertyName(name);
                    Write(writer, value);
                }

                writer.WriteEndObject();
                break;
            case JsonArray array:
                writer.WriteStartArray();
                foreach (var item in array)
                {
                    Write(writer, item);
                }

                writer.WriteEndArray();
                break;
            default:
                node.WriteTo(writer);
                break;
        }
    }

    /// <summary>UTF-8 bytes of a node's compact JSON.</summary>
    public static byte[] Utf8(JsonNode node) => Encoding.UTF8.GetBytes(node.ToJsonString());
}
