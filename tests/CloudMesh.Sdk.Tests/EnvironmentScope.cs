namespace CloudMesh.Sdk.Tests;

/// <summary>Clears the given environment variables for a test and restores their previous values afterwards.</summary>
public sealed class EnvironmentScope : IDisposable
{
    private readonly Dictionary<string, string?> _saved;

    public EnvironmentScope(IEnumerable<string> variables)
    {
        _saved = variables.ToDictionary(v => v, Environment.GetEnvironmentVariable);
        foreach (var name in _saved.Keys)
        {
            Environment.SetEnvironmentVariable(name, null);
        }
    }

    public void Set(string name, string value)
    {
        if (!_saved.ContainsKey(name))
        {
            _saved[name] = Environment.GetEnvironmentVariable(name);
        }

        Environment.SetEnvironmentVariable(name, value);
    }

    public void Dispose()
    {
        foreach (var (name, value) in _saved)
        {
            Environment.SetEnvironmentVariable(name, value);
        }
    }
}
