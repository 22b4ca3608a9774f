namespace Grpc.Core;

/// <summary>Base class of generated clients, with <see cref="WithHost"/> returning the derived type.</summary>
public abstract class ClientBase<T> : ClientBase
    where T : ClientBase<T>
{
    /// <summary>For test doubles: a client whose calls throw.</summary>
    protected ClientBase()
    {
    }

    /// <summary>Creates a client from a configuration (see <see cref="NewInstance"/>).</summary>
    protected ClientBase(ClientBaseConfiguration configuration)
        : base(configuration)
    {
    }

    /// <summary>Creates a client that calls through <paramref name="channel"/>.</summary>
    public ClientBase(ChannelBase channel)
        : base(channel)
    {
    }

    /// <summary>Creates a client that calls through <paramref name="callInvoker"/>.</summary>
    public ClientBase(CallInvoker callInvoker)
        : base(callInvoker)
    {
    }

    /// <summary>A copy of this client whose calls name <paramref name="host"/> as the authority.</summary>
    public T WithHost(string host) => NewInstance(Configuration.WithHost(host));

    /// <summary>Creates a client of the derived type from <paramref name="configuration"/>.</summary>
    protected abstract T NewInstance(ClientBaseConfiguration configuration);
}

/// <summary>Base class of generated clients.</summary>
public abstract class ClientBase
{
    /// <summary>For test doubles: a client whose calls throw.</summary>
    protected ClientBase()
        : this(new NoChannelCallInvoker())
    {
    }

    /// <summary>Creates a client from a configuration.</summary>
    protected ClientBase(ClientBaseConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        Configuration = configuration;
        CallInvoker = configuration.CreateCallInvoker();
    }

    /// <summary>Creates a client that calls through <paramref name="channel"/>.</summary>
    public ClientBase(ChannelBase channel)
        : this(channel.CreateCallInvoker())
    {
    }

    /// <summary>Creates a client that calls through <paramref name="callInvoker"/>.</summary>
    public ClientBase(CallInvoker callInvoker)
        : this(new ClientBaseConfiguration(callInvoker, null))
    {
    }

    /// <summary>The invoker generated methods call through.</summary>
    protected CallInvoker CallInvoker { get; }

    internal ClientBaseConfiguration Configuration { get; }

    /// <summary>What a client is made of: its invoker and an optional host override. Opaque outside this library.</summary>
    protected internal class ClientBaseConfiguration
    {
        private readonly CallInvoker _undecoratedCallInvoker;
        private readonly string? _host;

        internal ClientBaseConfiguration(CallInvoker undecoratedCallInvoker, string? host)
        {
            ArgumentNullException.ThrowIfNull(undecoratedCallInvoker);
            _undecoratedCallInvoker = undecoratedCallInvoker;
            _host = host;
        }

        internal CallInvoker CreateCallInvoker() =>
            _host is null ? _undecoratedCallInvoker : new HostOverridingCallInvoker(_undecoratedCallInvoker, _host);

        internal ClientBaseConfiguration WithHost(string host)
        {
            ArgumentNullException.ThrowIfNull(host);
            return new ClientBaseConfiguration(_undecoratedCallInvoker, host);
        }
    }
}
