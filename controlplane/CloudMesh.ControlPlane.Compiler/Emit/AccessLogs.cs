using CloudMesh.ControlPlane.Compiler.Specs;
using Envoy.Config.Accesslog.V3;
using Envoy.Config.Core.V3;
using Envoy.Extensions.AccessLoggers.File.V3;
using Google.Protobuf.WellKnownTypes;

namespace CloudMesh.ControlPlane.Compiler.Emit;

/// <summary>App Mesh file access logging as Envoy's file access logger (with App Mesh's text or JSON format when given).</summary>
internal static class AccessLogs
{
    public static AccessLog File(AccessLogSpec spec)
    {
        var file = new FileAccessLog { Path = spec.Path };
        if (spec.TextFormat is { } text)
        {
            // Envoy writes format strings verbatim; without a trailing newline every entry would share one line.
            var line = text.EndsWith('\n') ? text : text + "\n";
            file.LogFormat = new SubstitutionFormatString { TextFormatSource = new DataSource { InlineString = line } };
        }
        else if (spec.JsonFormat.Count > 0)
        {
            var json = new Struct();
            foreach (var (key, value) in spec.JsonFormat)
            {
                json.Fields[key] = Value.ForString(value);
            }

            file.LogFormat = new SubstitutionFormatString { JsonFormat = json };
        }

        return new AccessLog { Name = Xds.FileAccessLogger, TypedConfig = Xds.Pack(file) };
    }
}
