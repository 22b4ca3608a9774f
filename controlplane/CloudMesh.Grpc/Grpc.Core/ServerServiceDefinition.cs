namespace Grpc.Core;

/// <summary>
/// A service's methods with their handlers bound to one implementation instance, as built by the generated
/// <c>BindService(TServiceBase)</c>. Hosts that serve a fixed instance replay it into a <see cref="ServiceBinderBase"/>.
/// </summary>
public class ServerServiceDefinition
{
    private readonly IReadOnlyList<Action<ServiceBinderBase>> _bindings;

    private ServerServiceDefinition(IReadOnlyList<Action<ServiceBinderBase>> bindings)
    {
        _bindings = bindings;
    }

    /// <summary>Starts a definition.</summary>
    public static Builder CreateBuilder() => new();

    /// <summary>Replays every method and its handler into <paramref name="serviceBinder"/>.</summary>
    internal void BindService(ServiceBinderBase serviceBinder)
    {
        foreach (var bind in _bindings)
        {
            bind(serviceBinder);
        }
    }

    /// <summary>Collects methods and handlers; method names must be unique.</summary>
    public class Builder
    {
        private readonly HashSet<string> _fullNames = new(StringComparer.Ordinal);
        private readonly List<Action<ServiceBinderBase>> _bindings = [];

        /// <summary>Adds a unary method.</summary>
        public Builder AddMethod<TRequest, TResponse>(Method<TRequest, TResponse> method, UnaryServerMethod<TRequest, TResponse> handler)
            where TRequest : class
            where TResponse : class => Add(method, handler, binder => binder.AddMethod(method, handler));

        /// <summary>Adds a client-streaming method.</summary>
        public Builder AddMethod<TRequest, TResponse>(Method<TRequest, TResponse> method, ClientStreamingServerMethod<TRequest, TResponse> handler)
            where TRequest : class
            where TResponse : class => Add(method, handler, binder => binder.AddMethod(method, handler));

        /// <summary>Adds a server-streaming method.</summary>
        public Builder AddMethod<TRequest, TResponse>(Method<TRequest, TResponse> method, ServerStreamingServerMethod<TRequest, TResponse> handler)
            where TRequest : class
            where TResponse : class => Add(method, handler, binder => binder.AddMethod(method, handler));

        /// <summary>Adds a bidirectional-streaming method.</summary>
        public Builder AddMethod<TRequest, TResponse>(Method<TRequest, TResponse> method, DuplexStreamingServerMethod<TRequest, TResponse> handler)
            where TRequest : class
            where TResponse : class => Add(method, handler, binder => binder.AddMethod(method, handler));

        /// <summary>The finished definition.</summary>
        public ServerServiceDefinition Build() => new(_bindings.ToArray());

        private Builder Add(IMethod method, Delegate handler, Action<ServiceBinderBase> bind)
        {
            ArgumentNullException.ThrowIfNull(method);
            ArgumentNullException.ThrowIfNull(handler);
            if (!_fullNames.Add(method.FullName))
            {
                throw new ArgumentException($"A method with the same name ({method.FullName}) is already registered.", nameof(method));
            }

            _bindings.Add(bind);
            return this;
        }
    }
}
