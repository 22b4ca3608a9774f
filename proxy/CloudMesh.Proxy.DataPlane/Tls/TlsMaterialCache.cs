using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Net.Security;
using CloudMesh.Proxy.DataPlane.Translation;
using Microsoft.Extensions.Logging;

namespace CloudMesh.Proxy.DataPlane.Tls;

/// <summary>
/// The certificates and trust bundles the proxy's TLS uses, read from their files and kept. A file is looked at again
/// (its modification time and size) at most once per <see cref="RecheckInterval"/> when a connection needs it, and at
/// every configuration push (<see cref="ITlsMaterialSource"/>): a rotated file is picked up by the next connection.
/// A push with an unreadable file is rejected; a file found broken between pushes keeps the last good material (and
/// is logged), as Envoy keeps its old certificate when a watched file fails to load.
/// </summary>
/// <remarks>Thread-safe: connections read it concurrently; entries are replaced whole.</remarks>
internal sealed partial class TlsMaterialCache(ILogger logger, TimeProvider? time = null) : ITlsMaterialSource
{
    /// <summary>How long a file's stamp is trusted before a connection looks at the file again.</summary>
    public static readonly TimeSpan RecheckInterval = TimeSpan.FromSeconds(1);

    private readonly TimeProvider _time = time ?? TimeProvider.System;
    private readonly ConcurrentDictionary<CertificateFilesPlan, Entry<ServerCertificate>> _certificates = new();
    private readonly ConcurrentDictionary<string, Entry<X509Certificate2Collection>> _trust = new(StringComparer.Ordinal);

    /// <inheritdoc />
    public void CheckCertificate(CertificateFilesPlan files) => Certificate(files, force: true);

    /// <inheritdoc />
    public void CheckTrustBundle(string path) => TrustBundle(path, force: true);

    /// <summary>The certificate for <paramref name="files"/> (re-read if the files changed).</summary>
    public ServerCertificate Certificate(CertificateFilesPlan files) => Certificate(files, force: false);

    /// <summary>The CAs of the bundle at <paramref name="path"/> (re-read if the file changed).</summary>
    public X509Certificate2Collection TrustBundle(string path) => TrustBundle(path, force: false);

    private ServerCertificate Certificate(CertificateFilesPlan files, bool force) =>
        Get(_certificates, files, [files.ChainPath, files.PrivateKeyPath], force, () => LoadCertificate(files), files.ChainPath);

    private X509Certificate2Collection TrustBundle(string path, bool force) =>
        Get(_trust, path, [path], force, () => LoadTrust(path), path);

    private T Get<TKey, T>(ConcurrentDictionary<TKey, Entry<T>> entries, TKey key, string[] paths, bool force, Func<T> load, string name)
        where TKey : notnull
    {
        var now = _time.GetTimestamp();
        if (entries.TryGetValue(key, out var entry) && !force && _time.GetElapsedTime(entry.CheckedAt, now) < RecheckInterval)
        {
            return entry.Value;
        }

        string stamp;
        try
        {
            stamp = Stamp(paths);
        }
        catch (TlsMaterialException e) when (!force && entry is not null)
        {
            Log.KeptLastGood(logger, name, e.Message);
            entries[key] = entry with { CheckedAt = now };
            return entry.Value;
        }

        if (entry is not null && entry.Stamp == stamp)
        {
            entries[key] = entry with { CheckedAt = now };
            return entry.Value;
        }

        T value;
        try
        {
            value = load();
        }
        catch (TlsMaterialException e) when (!force && entry is not null)
        {
            // Being rewritten, or broken: connections keep the last good material until the files are whole again.
            Log.KeptLastGood(logger, name, e.Message);
            entries[key] = entry with { CheckedAt = now };
            return entry.Value;
        }

        if (entry is not null)
        {
            Log.Reloaded(logger, name);
        }

        entries[key] = new Entry<T>(value, stamp, now);
        return value;
    }

    /// <summary>Modification time and size of each file: what tells a rotated file from the one already read.</summary>
    private static string Stamp(string[] paths)
    {
        var parts = new string[paths.Length];
        for (var i = 0; i < paths.Length; i++)
        {
            var info = new FileInfo(paths[i]);
            if (!info.Exists)
            {
                throw new TlsMaterialException($"{paths[i]} does not exist");
            }

            parts[i] = $"{info.LastWriteTimeUtc.Ticks}:{info.Length}";
        }

        return string.Join('|', parts);
    }

    private static ServerCertificate LoadCertificate(CertificateFilesPlan files)
    {
        X509Certificate2 leaf;
        try
        {
            leaf = X509Certificate2.CreateFromPemFile(files.ChainPath, files.PrivateKeyPath);
        }
        catch (Exception e) when (e is CryptographicException or IOException or UnauthorizedAccessException or ArgumentException)
        {
            throw new TlsMaterialException($"cannot load certificate chain {files.ChainPath} with private key {files.PrivateKeyPath}: {e.Message}", e);
        }

        var chain = ReadPem(files.ChainPath);
        var intermediates = new X509Certificate2Collection();
        foreach (var certificate in chain.Skip(1))
        {
            intermediates.Add(certificate);
        }

        // offline: intermediates come from the chain file only, never downloaded.
        var context = SslStreamCertificateContext.Create(leaf, intermediates, offline: true);
        return new ServerCertificate(leaf, intermediates, context);
    }

    private static X509Certificate2Collection LoadTrust(string path)
    {
        var bundle = ReadPem(path);
        return bundle.Count == 0 ? throw new TlsMaterialException($"trust bundle {path} holds no PEM certificate") : bundle;
    }

    private static X509Certificate2Collection ReadPem(string path)
    {
        var collection = new X509Certificate2Collection();
        try
        {
            collection.ImportFromPemFile(path);
        }
        catch (Exception e) when (e is CryptographicException or IOException or UnauthorizedAccessException or ArgumentException)
        {
            throw new TlsMaterialException($"cannot read PEM certificates from {path}: {e.Message}", e);
        }

        return collection;
    }

    private sealed record Entry<T>(T Value, string Stamp, long CheckedAt);

    private static partial class Log
    {
        [LoggerMessage(EventId = 300, Level = LogLevel.Information, Message = "TLS material {File} changed on disk and was reloaded")]
        public static partial void Reloaded(ILogger logger, string file);

        [LoggerMessage(EventId = 301, Level = LogLevel.Warning, Message = "TLS material {File} cannot be reloaded ({Reason}); the last good one stays in use")]
        public static partial void KeptLastGood(ILogger logger, string file, string reason);
    }
}

/// <summary>A certificate with its private key, the intermediates after it in its file, and the context TLS presents.</summary>
internal sealed record ServerCertificate(X509Certificate2 Leaf, X509Certificate2Collection Intermediates, SslStreamCertificateContext Context);
