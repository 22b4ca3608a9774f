using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Spectre.Console;
using YamlDotNet.Serialization;

namespace CloudMesh.Cli.Output;

/// <summary>Writes results to standard output and errors to standard error, in the chosen format.</summary>
internal static class CliOutput
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    /// <summary>Prints rows as a table, or the documents as JSON/YAML.</summary>
    public static void Print(OutputFormat format, string[] headers, IEnumerable<string[]> rows, JsonNode documents)
    {
        switch (format)
        {
            case OutputFormat.Json:
                Json(documents);
                break;
            case OutputFormat.Yaml:
                Yaml(documents);
                break;
            default:
                Table(headers, rows);
                break;
        }
    }

    /// <summary>Prints aligned columns without borders (like kubectl), so the output also reads well when piped.</summary>
    public static void Table(string[] headers, IEnumerable<string[]> rows)
    {
        var table = new Table().Border(TableBorder.None).HideRowSeparators();
        foreach (var header in headers)
        {
            table.AddColumn(new TableColumn(header.ToUpperInvariant()).PadLeft(0).PadRight(3));
        }

        var any = false;
        foreach (var row in rows)
        {
            table.AddRow(row.Select(cell => new Text(cell)).ToArray());
            any = true;
        }

        if (any)
        {
            AnsiConsole.Write(table);
        }
        else
        {
            Console.Error.WriteLine("No resources found.");
        }
    }

    /// <summary>Prints indented JSON.</summary>
    public static void Json(JsonNode node) => Console.Out.WriteLine(node.ToJsonString(Indented));

    /// <summary>Prints YAML of a JSON document (mappings keep the API's member order).</summary>
    public static void Yaml(JsonNode node) => Console.Out.Write(new SerializerBuilder().WithQuotingNecessaryStrings().Build().Serialize(ToPlain(node)));

    /// <summary>Prints a line to standard error (progress and notes never mix with results on standard output).</summary>
    public static void Note(string line) => Console.Error.WriteLine(line);

    /// <summary>An epoch-seconds timestamp or DateTime as a short UTC time for tables.</summary>
    public static string Time(DateTime? time) =>
        time is { } t ? t.ToUniversalTime().ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture) : "";

    private static object? ToPlain(JsonNode? node) => node switch
    {
        JsonObject o => o.ToDictionary(p => p.Key, p => ToPlain(p.Value)),
        JsonArray a => a.Select(ToPlain).ToList(),
        JsonValue v => Scalar(JsonSerializer.Deserialize<JsonElement>(v.ToJsonString())),
        _ => null,
    };

    /// <summary>A JSON scalar as the CLR value YAML should print: numbers stay numbers, strings stay (quoted if needed) strings.</summary>
    private static object? Scalar(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString(),
        JsonValueKind.Number when value.TryGetInt64(out var integer) => integer,
        JsonValueKind.Number => value.GetDouble(),
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        _ => null,
    };
}
