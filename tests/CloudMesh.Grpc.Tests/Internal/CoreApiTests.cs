using Grpc.Core;

namespace CloudMesh.Grpc.Tests.Internal;

/// <summary>The Grpc.Core types behave as grpc-dotnet documents them.</summary>
public sealed class CoreApiTests
{
    [Fact]
    public void Metadata_keys_are_normalized_and_validated()
    {
        var metadata = new Metadata { { "X-Mixed-Case", "v" } };

        Assert.Equal("x-mixed-case", metadata[0].Key);
        Assert.Equal("v", metadata.GetValue("X-MIXED-CASE"));
        Assert.Throws<ArgumentException>(() => metadata.Add("bad key", "v"));
        Assert.Throws<ArgumentException>(() => metadata.Add("text-bin", "v"));
        Assert.Throws<ArgumentException>(() => metadata.Add("bytes", [1]));
    }

    [Fact]
    public void Metadata_get_returns_the_last_entry_and_get_all_every_entry()
    {
        var metadata = new Metadata { { "k", "1" }, { "k", "2" } };

        Assert.Equal("2", metadata.GetValue("k"));
        Assert.Equal(["1", "2"], metadata.GetAll("k").Select(e => e.Value));
        Assert.Null(metadata.Get("missing"));
    }

    [Fact]
    public void Binary_entries_copy_their_bytes()
    {
        byte[] bytes = [1, 2, 3];
        var entry = new Metadata.Entry("k-bin", bytes);
        bytes[0] = 9;
        entry.ValueBytes[1] = 9;

        Assert.Equal([1, 2, 3], entry.ValueBytes);
        Assert.True(entry.IsBinary);
        Assert.Throws<InvalidOperationException>(() => entry.Value);
    }

    [Fact]
    public void Empty_metadata_is_read_only()
    {
        Assert.True(Metadata.Empty.IsReadOnly);
        Assert.Throws<InvalidOperationException>(() => Metadata.Empty.Add("k", "v"));
    }

    [Fact]
    public void RpcException_message_names_status_and_detail()
    {
        var error = new RpcException(new Status(StatusCode.NotFound, "gone"));

        Assert.Equal("Status(StatusCode=\"NotFound\", Detail=\"gone\")", error.Message);
        Assert.Same(Metadata.Empty, error.Trailers);
    }

    [Fact]
    public void Simple_and_contextual_marshallers_convert_into_each_other()
    {
        var simple = Marshallers.Create<string>(s => System.Text.Encoding.UTF8.GetBytes(s), b => System.Text.Encoding.UTF8.GetString(b));
        var contextual = Marshallers.Create<string>(
            (s, context) => context.Complete(System.Text.Encoding.UTF8.GetBytes(s)),
            context => System.Text.Encoding.UTF8.GetString(context.PayloadAsNewBuffer()));

        Assert.Equal("ü", contextual.Deserializer(contextual.Serializer("ü")));
        Assert.Equal("ü", simple.Deserializer(simple.Serializer("ü")));
        Assert.Equal("ü", Marshallers.StringMarshaller.Deserializer(Marshallers.StringMarshaller.Serializer("ü")));
    }

    [Fact]
    public void Method_full_name_is_the_http2_path()
    {
        var method = new Method<string, string>(MethodType.Unary, "pkg.Service", "Call", Marshallers.StringMarshaller, Marshallers.StringMarshaller);

        Assert.Equal("/pkg.Service/Call", method.FullName);
    }

    [Fact]
    public void Service_definition_replays_its_methods_and_refuses_duplicates()
    {
        var method = new Method<string, string>(MethodType.Unary, "pkg.Service", "Call", Marshallers.StringMarshaller, Marshallers.StringMarshaller);
        var builder = ServerServiceDefinition.CreateBuilder().AddMethod(method, (request, _) => Task.FromResult(request));
        var recorder = new RecordingBinder();

        builder.Build().BindService(recorder);

        Assert.Equal(["/pkg.Service/Call"], recorder.Methods);
        Assert.Throws<ArgumentException>(() => builder.AddMethod(method, (request, _) => Task.FromResult(request)));
    }

    [Fact]
    public void Call_options_with_methods_copy()
    {
        var original = new CallOptions(deadline: DateTime.UnixEpoch);
        var headers = new Metadata();

        var changed = original.WithHeaders(headers).WithDeadline(DateTime.MaxValue);

        Assert.Equal(DateTime.UnixEpoch, original.Deadline);
        Assert.Null(original.Headers);
        Assert.Same(headers, changed.Headers);
        Assert.Equal(DateTime.MaxValue, changed.Deadline);
    }

    private sealed class RecordingBinder : ServiceBinderBase
    {
        public List<string> Methods { get; } = [];

        public override void AddMethod<TRequest, TResponse>(Method<TRequest, TResponse> method, UnaryServerMethod<TRequest, TResponse>? handler) =>
            Methods.Add(method.FullName);
    }
}
