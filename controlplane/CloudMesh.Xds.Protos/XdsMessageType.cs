#nullable enable
using System.Diagnostics.CodeAnalysis;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;

namespace CloudMesh.Xds;

/// <summary>
/// A message type an <see cref="Any"/> may carry, named by its type URL and parsed by its parser, so that packing and
/// unpacking never touch protobuf reflection. Google.Protobuf's <c>Any.Pack</c>, <c>Unpack</c>, <c>TryUnpack</c> and
/// <c>Is</c> read the message's <c>Descriptor</c>, and the first read of an Envoy descriptor builds its .proto file's
/// descriptor and those of every file it imports: 30 MB allocated for HttpConnectionManager alone, 57 MB for it and
/// the four xDS resource types (measured), most of what a sidecar used to keep mapped after start.
/// </summary>
/// <typeparam name="T">The message type.</typeparam>
/// <param name="TypeUrl">The type URL (<c>type.googleapis.com/</c> and the message's full name).</param>
/// <param name="Parser">The message's parser.</param>
public sealed record XdsMessageType<T>(string TypeUrl, MessageParser<T> Parser)
    where T : IMessage<T>
{
    private readonly string _fullName = TypeUrl[(TypeUrl.LastIndexOf('/') + 1)..];

    /// <summary>
    /// True when <paramref name="any"/> carries this type. As in <c>Any.Is</c>, only the part after the last '/' counts,
    /// so any type URL prefix is accepted.
    /// </summary>
    public bool IsIn(Any any) => any.TypeUrl.AsSpan(any.TypeUrl.LastIndexOf('/') + 1).SequenceEqual(_fullName);

    /// <summary>Unpacks <paramref name="any"/> when it carries this type; false when it carries another.</summary>
    /// <exception cref="InvalidProtocolBufferException">It carries this type but its bytes do not parse.</exception>
    public bool TryUnpack(Any any, [NotNullWhen(true)] out T? message)
    {
        message = IsIn(any) ? Parser.ParseFrom(any.Value) : default;
        return message is not null;
    }

    /// <summary>Unpacks <paramref name="any"/>.</summary>
    /// <exception cref="InvalidOperationException">It carries another type.</exception>
    /// <exception cref="InvalidProtocolBufferException">Its bytes do not parse.</exception>
    public T Unpack(Any any) => TryUnpack(any, out var message)
        ? message
        : throw new InvalidOperationException($"Full type name for {_fullName} is {any.TypeUrl}, not {TypeUrl}.");

    /// <summary>Packs <paramref name="message"/> with this type's URL.</summary>
    public Any Pack(T message) => new() { TypeUrl = TypeUrl, Value = message.ToByteString() };
}
