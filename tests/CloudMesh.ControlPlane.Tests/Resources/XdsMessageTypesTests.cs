using CloudMesh.Xds;
using Envoy.Extensions.Filters.Network.HttpConnectionManager.V3;
using Envoy.Extensions.Filters.Network.TcpProxy.V3;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;

namespace CloudMesh.ControlPlane.Tests.Resources;

public sealed class XdsMessageTypesTests
{
    /// <summary>Every hand-written type URL is the one protobuf reflection would give (reflection is fine in a test).</summary>
    [Fact]
    public void Every_type_url_is_type_googleapis_com_and_the_descriptor_full_name()
    {
        var types = typeof(XdsMessageTypes).GetProperties().Select(p => p.GetValue(null)!).ToList();
        Assert.Equal(10, types.Count);
        foreach (var type in types)
        {
            var url = (string)type.GetType().GetProperty("TypeUrl")!.GetValue(type)!;
            var parser = (MessageParser)type.GetType().GetProperty("Parser")!.GetValue(type)!;
            var descriptor = ((IMessage)parser.ParseFrom(ByteString.Empty)).Descriptor;
            Assert.Equal("type.googleapis.com/" + descriptor.FullName, url);
        }
    }

    [Fact]
    public void Pack_and_unpack_round_trip_and_agree_with_Any_Pack()
    {
        var manager = new HttpConnectionManager { StatPrefix = "ingress", Rds = new Rds { RouteConfigName = "rds_ingress" } };

        Any packed = XdsMessageTypes.HttpConnectionManager.Pack(manager);

        Assert.Equal(Any.Pack(manager), packed);
        Assert.Equal(manager, XdsMessageTypes.HttpConnectionManager.Unpack(packed));
        Assert.True(XdsMessageTypes.HttpConnectionManager.TryUnpack(packed, out var unpacked));
        Assert.Equal("rds_ingress", unpacked.Rds.RouteConfigName);
    }

    [Fact]
    public void Another_type_is_not_unpacked_and_any_type_url_prefix_is_accepted_as_Any_Is_accepts_it()
    {
        var tcp = Any.Pack(new TcpProxy { StatPrefix = "tcp", Cluster = "c" });

        Assert.False(XdsMessageTypes.HttpConnectionManager.TryUnpack(tcp, out var none));
        Assert.Null(none);
        Assert.Throws<InvalidOperationException>(() => XdsMessageTypes.HttpConnectionManager.Unpack(tcp));

        var prefixed = new Any { TypeUrl = "example.com/x/envoy.extensions.filters.network.tcp_proxy.v3.TcpProxy", Value = tcp.Value };
        Assert.True(prefixed.Is(TcpProxy.Descriptor));
        Assert.True(XdsMessageTypes.TcpProxy.IsIn(prefixed));
        Assert.Equal("c", XdsMessageTypes.TcpProxy.Unpack(prefixed).Cluster);
    }

    [Fact]
    public void Bytes_that_do_not_parse_are_an_InvalidProtocolBufferException()
    {
        var broken = new Any { TypeUrl = XdsMessageTypes.TcpProxy.TypeUrl, Value = ByteString.CopyFrom(0x0a, 0xff) };

        Assert.Throws<InvalidProtocolBufferException>(() => XdsMessageTypes.TcpProxy.TryUnpack(broken, out _));
    }
}
