namespace CloudMesh.Cli.Configuration;

/// <summary>
/// Saves a tenant access key as an AWS profile, the way <c>aws configure</c> does: the key in the shared credentials
/// file (<c>AWS_SHARED_CREDENTIALS_FILE</c>, default <c>~/.aws/credentials</c>), the region and <c>endpoint_url</c> in the
/// config file (<c>AWS_CONFIG_FILE</c>, default <c>~/.aws/config</c>), so the AWS CLI, boto3 and the AWS SDKs reach
/// CloudMesh with just <c>--profile</c>. The profile's old section is replaced; every other line is kept as it was.
/// </summary>
internal static class AwsProfileWriter
{
    /// <summary>Creates or replaces <paramref name="profileName"/>; returns the credentials file's path.</summary>
    public static string Write(string profileName, string accessKeyId, string secretAccessKey, string region, Uri endpoint)
    {
        var aws = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".aws");
        var credentials = NonEmpty(Environment.GetEnvironmentVariable("AWS_SHARED_CREDENTIALS_FILE")) ?? Path.Combine(aws, "credentials");
        var config = NonEmpty(Environment.GetEnvironmentVariable("AWS_CONFIG_FILE")) ?? Path.Combine(aws, "config");
        ReplaceSection(credentials, profileName,
            [$"aws_access_key_id = {accessKeyId}", $"aws_secret_access_key = {secretAccessKey}"]);
        // In the config file every profile but 'default' is written "[profile NAME]".
        ReplaceSection(config, profileName == "default" ? "default" : "profile " + profileName,
            [$"region = {region}", $"endpoint_url = {endpoint.ToString().TrimEnd('/')}"]);
        return credentials;
    }

    /// <summary>Rewrites <paramref name="file"/> with section <paramref name="section"/> holding exactly <paramref name="lines"/>.</summary>
    internal static void ReplaceSection(string file, string section, IReadOnlyList<string> lines)
    {
        var kept = new List<string>();
        if (File.Exists(file))
        {
            var skipping = false;
            foreach (var line in File.ReadAllLines(file))
            {
                var trimmed = line.Trim();
                if (trimmed.StartsWith('[') && trimmed.EndsWith(']'))
                {
                    skipping = trimmed[1..^1].Trim() == section;
                }

                if (!skipping)
                {
                    kept.Add(line);
                }
            }
        }

        while (kept.Count > 0 && kept[^1].Trim().Length == 0)
        {
            kept.RemoveAt(kept.Count - 1);
        }

        if (kept.Count > 0)
        {
            kept.Add("");
        }

        kept.Add($"[{section}]");
        kept.AddRange(lines);
        var directory = Path.GetDirectoryName(Path.GetFullPath(file))!;
        Directory.CreateDirectory(directory);
        // Write a sibling and rename it over the file: a reader never sees a half-written profile.
        var temporary = file + ".cloudmesh-tmp";
        File.WriteAllLines(temporary, kept);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(temporary, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        File.Move(temporary, file, overwrite: true);
    }

    private static string? NonEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
