using EDTF.Streaming.Ais.Formats;

namespace EDTF.Streaming.Ais.Tests.Formats;

public class CsvFieldsTests
{
    [Fact]
    public void Split_QuotedFieldWithCommaAndEscapedQuote_KeepsOneField()
    {
        var fields = new CsvFields();

        fields.Split("1,\"MAERSK, \"\"LINE\"\"\",3").Should().BeTrue();

        fields.Count.Should().Be(3);
        fields[1].ToString().Should().Be("MAERSK, \"LINE\"");
        fields[2].ToString().Should().Be("3");
    }

    [Fact]
    public void Split_EmptyFields_CountsThem()
    {
        var fields = new CsvFields();

        fields.Split(",a,,").Should().BeTrue();

        fields.Count.Should().Be(4);
        fields.Text(0).Should().BeNull();
        fields.Text(1).Should().Be("a");
        fields.Text(3).Should().BeNull();
    }

    [Theory]
    [InlineData("a,\"open")]
    [InlineData("a,\"closed\"x,b")]
    public void Split_BrokenQuotes_ReturnsFalse(string line)
    {
        new CsvFields().Split(line).Should().BeFalse();
    }
}
