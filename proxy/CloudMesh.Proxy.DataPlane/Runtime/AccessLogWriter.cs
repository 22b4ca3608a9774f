using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using System.Threading.Channels;
using CloudMesh.Proxy.DataPlane.Translation;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace CloudMesh.Proxy.DataPlane.Runtime;

/// <summary>What an access log entry says about one request beyond the HTTP context itself.</summary>
internal sealed class RequestRecord
{
    public DateTimeOffset StartTime { get; init; }

    public double DurationMs { get; set; }

    public string? RouteName { get; set; }

    public string? Cluster { get; set; }

    public string? UpstreamHost { get; set; }

    /// <summary>Envoy response flags (NR, UH, UF, UT, UO, URX, NC, UC), "-" when none.</summary>
    public string? Flags { get; set; }
}

/// <summary>
/// Envoy's file access logger: entries formatted with Envoy's command operators (text, or JSON whose values are format
/// strings; Envoy's default text format when none is given) and appended to the file by one background writer per path,
/// so the request path never waits on the disk.
/// </summary>
internal sealed partial class AccessLogWriter(ILogger logger) : IAsyncDisposable
{
    /// <summary>Envoy's default access log format.</summary>
    private const string DefaultFormat =
        "[%START_TIME%] \"%REQ(:METHOD)% %REQ(X-ENVOY-ORIGINAL-PATH?:PATH)% %PROTOCOL%\" %RESPONSE_CODE% %RESPONSE_FLAGS% %BYTES_RECEIVED% %BYTES_SENT% %DURATION% %RESP(X-ENVOY-UPSTREAM-SERVICE-TIME)% \"%REQ(X-FORWARDED-FOR)%\" \"%REQ(USER-AGENT)%\" \"%REQ(X-REQUEST-ID)%\" \"%REQ(:AUTHORITY)%\" \"%UPSTREAM_HOST%\"\n";

    private readonly ConcurrentDictionary<string, Channel<string>> _files = new(StringComparer.Ordinal);
    private readonly List<Task> _writers = [];

    public void Write(IReadOnlyList<AccessLogPlan> logs, HttpContext context, RequestRecord record)
    {
        foreach (var log in logs)
        {
            string line;
            if (log.JsonFormat is { } json)
            {
                line = JsonLine(json, format => Format(format, context, record));
            }
            else
            {
                line = Format(log.TextFormat ?? DefaultFormat, context, record);
            }

            Channel(log.Path).Writer.TryWrite(line);
        }
    }

    /// <summary>Writes a TCP proxy entry (no HTTP context): only connection-level operators have values.</summary>
    public void WriteTcp(IReadOnlyList<AccessLogPlan> logs, RequestRecord record, long received, long sent)
    {
        foreach (var log in logs)
        {
            var values = new TcpValues(record, received, sent);
            string line = log.JsonFormat is { } json
                ? JsonLine(json, values.Format)
                : values.Format(log.TextFormat ?? DefaultFormat);
            Channel(log.Path).Writer.TryWrite(line);
        }
    }

    /// <summary>
    /// One JSON entry, as Envoy's json_format renders it: a value that is a single command operator yielding a number
    /// (%RESPONSE_CODE%, %DURATION%, %BYTES_SENT%...) is a JSON number, "-" (no value) is null, anything else a string.
    /// </summary>
    internal static string JsonLine(IEnumerable<KeyValuePair<string, string>> json, Func<string, string> format)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            foreach (var (key, template) in json)
            {
                var value = format(template);
                bool singleOperator = template.Length > 2 && template[0] == '%' && template[^1] == '%' && template.Count(c => c == '%') == 2;
                if (value == "-")
                {
                    writer.WriteNull(key);
                }
                else if (singleOperator && long.TryParse(value, System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture, out long number))
                {
                    writer.WriteNumber(key, number);
                }
                else
                {
                    writer.WriteString(key, value);
                }
            }

            writer.WriteEndObject();
        }

        return System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan) + "\n";
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var channel in _files.Values)
        {
            channel.Writer.TryComplete();
        }

        Task[] writers;
        lock (_writers)
        {
            writers = [.. _writers];
        }

        await Task.WhenAll(writers);
    }

    private Channel<string> Channel(string path) => _files.GetOrAdd(path, p =>
    {
        var channel = System.Threading.Channels.Channel.CreateUnbounded<string>(new UnboundedChannelOptions { SingleReader = true });
        lock (_writers)
        {
            _writers.Add(Task.Run(() => DrainAsync(p, channel.Reader)));
        }

        return channel;
    });

    private async Task DrainAsync(string path, ChannelReader<string> reader)
    {
        try
        {
            await using var file = new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.ReadWrite | FileShare.Delete);
            await using var writer = new StreamWriter(file, new UTF8Encoding(false));
            while (await reader.WaitToReadAsync())
            {
                while (reader.TryRead(out var line))
                {
                    await writer.WriteAsync(line);
                }

                await writer.FlushAsync();
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            Log.CannotWrite(logger, path, e.Message);
        }
    }

    [GeneratedRegex(@"%([A-Z_0-9]+)(?:\(([^)]*)\))?(?::\d+)?%")]
    private static partial Regex Operator();

    private static string Format(string format, HttpContext context, RequestRecord record) =>
        Operator().Replace(format, m => Value(m.Groups[1].Value, m.Groups[2].Value, context, record) ?? "-");

    private static string? Value(string op, string argument, HttpContext context, RequestRecord record)
    {
        var request = context.Request;
        var response = context.Response;
        switch (op)
        {
            case "START_TIME":
                return record.StartTime.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture);
            case "PROTOCOL":
                return request.Protocol;
            case "RESPONSE_CODE":
                return response.StatusCode.ToString(CultureInfo.InvariantCulture);
            case "RESPONSE_FLAGS":
                return record.Flags;
            case "BYTES_RECEIVED":
                return (request.ContentLength ?? 0).ToString(CultureInfo.InvariantCulture);
            case "BYTES_SENT":
                return (response.ContentLength ?? 0).ToString(CultureInfo.InvariantCulture);
            case "DURATION":
                return ((long)record.DurationMs).ToString(CultureInfo.InvariantCulture);
            case "UPSTREAM_HOST":
                return record.UpstreamHost;
            case "UPSTREAM_CLUSTER":
                return record.Cluster;
            case "ROUTE_NAME":
                return record.RouteName;
            case "DOWNSTREAM_REMOTE_ADDRESS":
                return context.Connection.RemoteIpAddress is { } ip ? $"{ip}:{context.Connection.RemotePort}" : null;
            case "DOWNSTREAM_LOCAL_ADDRESS":
                return context.Connection.LocalIpAddress is { } local ? $"{local}:{context.Connection.LocalPort}" : null;
            case "REQ":
                return Header(argument, name => name switch
                {
                    ":method" => request.Method,
                    ":path" => request.Path.Value + request.QueryString.Value,
                    ":authority" => request.Host.Value,
                    ":scheme" => request.Scheme,
                    _ => request.Headers.TryGetValue(name, out var v) ? v.ToString() : null,
                });
            case "RESP":
                return Header(argument, name => response.Headers.TryGetValue(name, out var v) ? v.ToString() : null);
            default:
                return null;
        }
    }

    /// <summary>REQ(A?B): header A, else header B.</summary>
    private static string? Header(string argument, Func<string, string?> read)
    {
        foreach (var name in argument.Split('?'))
        {
            if (read(name.ToLowerInvariant()) is { Length: > 0 } value)
            {
                return value;
            }
        }

        return null;
    }

    private sealed class TcpValues(RequestRecord record, long received, long sent)
    {
        public string Format(string format) => Operator().Replace(format, m => m.Groups[1].Value switch
        {
            "START_TIME" => record.StartTime.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture),
            "BYTES_RECEIVED" => received.ToString(CultureInfo.InvariantCulture),
            "BYTES_SENT" => sent.ToString(CultureInfo.InvariantCulture),
            "DURATION" => ((long)record.DurationMs).ToString(CultureInfo.InvariantCulture),
            "UPSTREAM_HOST" => record.UpstreamHost ?? "-",
            "UPSTREAM_CLUSTER" => record.Cluster ?? "-",
            "RESPONSE_FLAGS" => record.Flags ?? "-",
            _ => "-",
        });
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 10, Level = LogLevel.Warning, Message = "Access log {Path} cannot be written: {Reason}")]
        public static partial void CannotWrite(ILogger logger, string path, string reason);
    }
}
