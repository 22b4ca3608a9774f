using CloudMesh.Grpc.Internal;

namespace CloudMesh.Grpc.Tests.Internal;

public sealed class GrpcTimeoutTests
{
    [Theory]
    [InlineData("1H", 36_000_000_000L)]
    [InlineData("2M", 1_200_000_000L)]
    [InlineData("3S", 30_000_000L)]
    [InlineData("250m", 2_500_000L)]
    [InlineData("15u", 150L)]
    [InlineData("1500n", 15L)]
    [InlineData("99999999S", 999_999_990_000_000L)]
    public void Parses_every_unit(string value, long expectedTicks)
    {
        Assert.True(GrpcTimeout.TryParse(value, out var timeout));
        Assert.Equal(expectedTicks, timeout.Ticks);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("S")]
    [InlineData("10")]
    [InlineData("10s")]
    [InlineData("-5S")]
    [InlineData("+5S")]
    [InlineData("123456789S")]
    [InlineData("1.5S")]
    public void Rejects_malformed_values(string? value) => Assert.False(GrpcTimeout.TryParse(value, out _));

    [Theory]
    [InlineData(1L, "1u")]
    [InlineData(10L, "1u")]
    [InlineData(11L, "2u")]
    [InlineData(5_000_000L, "500000u")]
    [InlineData(999_999_990L, "99999999u")]
    [InlineData(1_000_000_000L, "100000m")]
    [InlineData(864_000_000_000_000L, "86400000S")]
    public void Formats_in_the_finest_unit_that_fits_rounding_up(long ticks, string expected) =>
        Assert.Equal(expected, GrpcTimeout.Format(TimeSpan.FromTicks(ticks)));

    [Fact]
    public void Formatted_values_parse_back_to_at_least_the_original()
    {
        foreach (var ticks in new[] { 1L, 7L, 12_345L, 10_000_000L, 123_456_789_012L, TimeSpan.FromDays(3650).Ticks })
        {
            Assert.True(GrpcTimeout.TryParse(GrpcTimeout.Format(TimeSpan.FromTicks(ticks)), out var parsed));
            Assert.True(parsed.Ticks >= ticks, $"{ticks} became {parsed.Ticks}");
        }
    }
}
