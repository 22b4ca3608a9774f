using System.Linq;
using CloudMesh.Sdk.Generator.Model;
using CloudMesh.Sdk.Generator.Naming;

namespace CloudMesh.Sdk.Generator.Emit;

/// <summary>
/// Emits one request marshaller per operation, as aws-sdk-net does for rest-json: the HTTP method, URI labels (which
/// AWSSDK.Core escapes when it composes the URL), query members, header members, and a JSON body of the remaining
/// set members, with idempotency tokens filled with a fresh GUID when the caller left them unset.
/// </summary>
internal sealed class RequestMarshallerEmitter
{
    private readonly SdkNames _names;
    private readonly JsonValueCode _values;
    private readonly ServiceModel _model;

    public RequestMarshallerEmitter(ServiceModel model, SdkNames names, JsonValueCode values)
    {
        _model = model;
        _names = names;
        _values = values;
    }

    public string Emit(Operation operation)
    {
        var requestType = _names.QualifiedName(operation.Input);
        var className = operation.Name + "RequestMarshaller";
        var writer = new CodeWriter();
        writer.Open($"namespace {SdkNames.TransformNamespace}");
        DocComments.Summary(writer, $"Marshals <see cref=\"{requestType}\"/> into an HTTP request: <c>{operation.Method} {DocComments.Escape(operation.RequestUri)}</c>.");
        writer.Open($"public class {className} : global::Amazon.Runtime.Internal.Transform.IMarshaller<global::Amazon.Runtime.Internal.IRequest, {requestType}>, global::Amazon.Runtime.Internal.Transform.IMarshaller<global::Amazon.Runtime.Internal.IRequest, global::Amazon.Runtime.AmazonWebServiceRequest>");
        DocComments.Summary(writer, "The shared instance (marshallers hold no state).");
        writer.Line($"public static {className} Instance {{ get; }} = new {className}();");
        writer.Line();
        DocComments.Summary(writer, "Marshals a request of this operation.");
        writer.Line("/// <param name=\"input\">The request; must be of this operation's request type.</param>");
        writer.Line("/// <returns>The HTTP request to send.</returns>");
        writer.Line($"public global::Amazon.Runtime.Internal.IRequest Marshall(global::Amazon.Runtime.AmazonWebServiceRequest input) => Marshall(({requestType})input);");
        writer.Line();
        DocComments.Summary(writer, "Marshals a request of this operation.");
        writer.Line("/// <param name=\"publicRequest\">The request.</param>");
        writer.Line("/// <returns>The HTTP request to send.</returns>");
        writer.Open($"public global::Amazon.Runtime.Internal.IRequest Marshall({requestType} publicRequest)");
        writer.Line($"global::Amazon.Runtime.Internal.IRequest request = new global::Amazon.Runtime.Internal.DefaultRequest(publicRequest, {SdkNames.Literal(_model.ServiceId)});");
        writer.Line($"request.Headers[global::Amazon.Util.HeaderKeys.XAmzApiVersion] = {SdkNames.Literal(_model.ApiVersion)};");
        writer.Line($"request.HttpMethod = {SdkNames.Literal(operation.Method)};");

        var path = operation.RequestUri;
        var queryStart = path.IndexOf('?');
        if (queryStart >= 0)
        {
            // A literal query in the model's requestUri (none in App Mesh today) is a sub-resource of the path.
            foreach (var part in path.Substring(queryStart + 1).Split('&'))
            {
                var kv = part.Split('=');
                writer.Line(kv.Length == 2
                    ? $"request.AddSubResource({SdkNames.Literal(kv[0])}, {SdkNames.Literal(kv[1])});"
                    : $"request.AddSubResource({SdkNames.Literal(kv[0])});");
            }

            path = path.Substring(0, queryStart);
        }

        foreach (var member in operation.Input.Members.Where(m => m.Location == "uri"))
        {
            var property = SdkNames.PropertyName(member);
            writer.Open($"if (!publicRequest.IsSet{property}())");
            writer.Line($"throw new global::{SdkNames.ServiceNamespace}.AmazonAppMeshException(\"Request object does not have required field {property} set\");");
            writer.Close();
            writer.Line($"request.AddPathResource(\"{{{member.LocationName}}}\", {ToText(member, "publicRequest")});");
        }

        var query = operation.Input.Members.Where(m => m.Location == "querystring").ToList();
        foreach (var member in query)
        {
            writer.Open($"if (publicRequest.IsSet{SdkNames.PropertyName(member)}())");
            writer.Line($"request.Parameters.Add({SdkNames.Literal(member.LocationName)}, {ToText(member, "publicRequest")});");
            writer.Close();
        }

        foreach (var member in operation.Input.Members.Where(m => m.Location == "header"))
        {
            writer.Open($"if (publicRequest.IsSet{SdkNames.PropertyName(member)}())");
            writer.Line($"request.Headers[{SdkNames.Literal(member.LocationName)}] = {ToText(member, "publicRequest")};");
            writer.Close();
        }

        writer.Line($"request.ResourcePath = {SdkNames.Literal(path)};");
        var body = operation.Input.Members.Where(m => m.InBody).ToList();
        if (body.Count > 0)
        {
            writer.Line("request.Headers[\"Content-Type\"] = \"application/json\";");
            writer.Line("using var memoryStream = new global::System.IO.MemoryStream();");
            writer.Open("using (var writer = new global::System.Text.Json.Utf8JsonWriter(memoryStream))");
            writer.Line("writer.WriteStartObject();");
            foreach (var member in body)
            {
                if (member.IdempotencyToken)
                {
                    // As AWS SDKs do: an unset idempotency token is sent as a new GUID (the request object is left
                    // unchanged), so the server can recognise a retried create or update.
                    var property = SdkNames.PropertyName(member);
                    writer.Line($"writer.WritePropertyName({SdkNames.Literal(member.Name)});");
                    writer.Line($"writer.WriteStringValue(publicRequest.IsSet{property}() ? publicRequest.{property}! : global::System.Guid.NewGuid().ToString());");
                    continue;
                }

                _values.WriteMember(writer, member, "publicRequest");
            }

            writer.Line("writer.WriteEndObject();");
            writer.Close();
            writer.Line("request.Content = memoryStream.ToArray();");
        }

        if (query.Count > 0)
        {
            writer.Line("request.UseQueryString = true;");
        }

        writer.Line("return request;");
        writer.Close();
        writer.Close();
        writer.Close();
        return writer.ToString();
    }

    /// <summary>The text form of a label, query or header member (integers and longs in invariant culture).</summary>
    private static string ToText(Member member, string owner)
    {
        var access = $"{owner}.{SdkNames.PropertyName(member)}";
        return member.Shape.Kind switch
        {
            ShapeKind.Integer => $"global::Amazon.Runtime.Internal.Util.StringUtils.FromInt({access})",
            ShapeKind.Long => $"global::Amazon.Runtime.Internal.Util.StringUtils.FromLong({access})",
            ShapeKind.Boolean => $"({access}.GetValueOrDefault() ? \"true\" : \"false\")",
            ShapeKind.String when member.Shape.IsEnum => $"{access}!.Value",
            ShapeKind.String => $"{access}!",
            _ => $"global::System.Convert.ToString({access}, global::System.Globalization.CultureInfo.InvariantCulture)!",
        };
    }
}
