using System.Text.Json;

namespace CloudMesh.ControlPlane.Model;

/// <summary>One stored App Mesh resource of a mesh.</summary>
/// <param name="Name">The resource's name.</param>
/// <param name="ParentName">The enclosing router or gateway for routes and gateway routes; empty otherwise.</param>
/// <param name="Version">The resource's version (rises by one per update).</param>
/// <param name="Spec">The spec in App Mesh wire JSON (camelCase members, as the API returned it).</param>
public sealed record MeshResource(string Name, string ParentName, long Version, JsonElement Spec);
