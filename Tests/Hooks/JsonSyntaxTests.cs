using System.Text;
using System.Text.Json;
using System.Text.Unicode;
using Redeploy.Core.Hooks;
using Redeploy.Core.Readers;
using Xunit;

namespace Redeploy.Tests.Hooks;

/// <summary>
/// JsonSyntax must accept exactly what the tokenising reader accepts (less escaped lone surrogates): checked case by case
/// at the edges of the grammar, then side by side with Utf8JsonReader on thousands of mutations of the team's fixtures.
/// </summary>
public sealed class JsonSyntaxTests
{
    [Theory]
    [InlineData("""{}""")]
    [InlineData(""" { "a" : 1 } """)]
    [InlineData("{\n\t\"a\":\r\n[ ]\n}")]
    [InlineData("""{"a":[],"b":{},"c":[[],[{}]]}""")]
    [InlineData("""{"n":[0,-0,1,-12,3.25,-0.5,1e5,1E+5,2e-3,10.0e10]}""")]
    [InlineData("""{"t":true,"f":false,"z":null}""")]
    [InlineData("""{"s":"\"\\\/\b\f\n\r\t\u00e9\u0000"}""")]
    [InlineData("""{"pair":"\ud83d\ude80","upper":"\uD83D\uDE80"}""")]
    [InlineData("""{"":""}""")]
    [InlineData("""{"a":1,"a":2}""")]
    [InlineData("{\"raw\":\"é €\u007f\"}")]
    public void IndexObject_WellFormed_Accepts(string json) => AssertSameAsReader(json, expected: true);

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("[]")]
    [InlineData("\"a\"")]
    [InlineData("1")]
    [InlineData("{")]
    [InlineData("""{"a":1""")]
    [InlineData("""{"a":1,}""")]
    [InlineData("""{"a":[1,]}""")]
    [InlineData("""{"a"}""")]
    [InlineData("""{"a":}""")]
    [InlineData("""{a:1}""")]
    [InlineData("""{'a':1}""")]
    [InlineData("""{"a":1}}""")]
    [InlineData("""{"a":1} {}""")]
    [InlineData("""{"a":1} x""")]
    [InlineData("""{"a":1 "b":2}""")]
    [InlineData("""{"a":[1 2]}""")]
    [InlineData("""{"a":01}""")]
    [InlineData("""{"a":-}""")]
    [InlineData("""{"a":1.}""")]
    [InlineData("""{"a":.5}""")]
    [InlineData("""{"a":+1}""")]
    [InlineData("""{"a":1e}""")]
    [InlineData("""{"a":1e+}""")]
    [InlineData("""{"a":1x}""")]
    [InlineData("""{"a":tru}""")]
    [InlineData("""{"a":truex}""")]
    [InlineData("""{"a":nul}""")]
    [InlineData("""{"a":True}""")]
    [InlineData("""{"a":"x}""")]
    [InlineData("{\"a\":\"tab\there\"}")]
    [InlineData("{\"a\":\"nl\nhere\"}")]
    [InlineData("""{"a":"\x"}""")]
    [InlineData("""{"a":"\u12"}""")]
    [InlineData("""{"a":"\u12g4"}""")]
    [InlineData("""{"a":"\"}""")]
    [InlineData("""{"a":"\ud800"}""")]
    [InlineData("""{"a":"\udc00"}""")]
    [InlineData("""{"a":"\ud800\u0041"}""")]
    [InlineData("""{"a":"\ud800x"}""")]
    [InlineData("""{"a":"\ude80\ud83d"}""")]
    [InlineData("""{"\ud800":1}""")]
    [InlineData("""{"a":1 /* comment */}""")]
    [InlineData("""{"a":1} // comment""")]
    public void IndexObject_Malformed_Refuses(string json) => AssertSameAsReader(json, expected: false);

    [Theory]
    [InlineData(63, true)]
    [InlineData(64, true)]
    [InlineData(65, false)]
    public void IndexObject_NestedArrays_HaveTheReadersLimit(int containers, bool accepted)
    {
        // The root object and then arrays: containers in all.
        var json = "{\"a\":" + new string('[', containers - 1) + new string(']', containers - 1) + "}";

        AssertSameAsReader(json, accepted);
    }

    [Theory]
    [InlineData(64, true)]
    [InlineData(65, false)]
    public void IndexObject_NestedObjects_HaveTheReadersLimit(int containers, bool accepted)
    {
        var json = string.Concat(Enumerable.Repeat("{\"a\":", containers - 1)) + "{}" + new string('}', containers - 1);

        AssertSameAsReader(json, accepted);
    }

    [Fact]
    public void RootObject_MorePropertiesThanRecorded_WalksToTheSameProperties()
    {
        foreach (var file in Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "Fixtures"), "*.json", SearchOption.AllDirectories))
        {
            var json = File.ReadAllBytes(file);
            var all = new RootProperty[256];
            var count = JsonSyntax.IndexObject(json, all);
            if (count < 2)
            {
                continue;
            }

            var fromRecord = new List<RootProperty>();
            foreach (var property in new RootObject(json, all, count))
            {
                fromRecord.Add(property);
            }

            var walked = new List<RootProperty>();
            foreach (var property in new RootObject(json, all.AsSpan(0, 1), count))
            {
                walked.Add(property);
            }

            Assert.Equal(count, fromRecord.Count);
            Assert.Equal(fromRecord, walked);
        }
    }

    [Fact]
    public void IndexObject_RecordsEachRootPropertysNameAndValue()
    {
        var json = Encoding.UTF8.GetBytes("""{ "ref" : "refs/heads/main", "n":-1.5e3,"r\u0065po":{"a":[1,"}"]} ,"e":[] }""");
        var properties = new RootProperty[8];

        var count = JsonSyntax.IndexObject(json, properties);

        Assert.Equal(4, count);
        string[] values = ["\"refs/heads/main\"", "-1.5e3", """{"a":[1,"}"]}""", "[]"];
        string[] names = ["\"ref\"", "\"n\"", "\"r\\u0065po\"", "\"e\""];
        for (var p = 0; p < count; p++)
        {
            Assert.Equal(names[p], Encoding.UTF8.GetString(json.AsSpan()[properties[p].NameStart..properties[p].NameEnd]));
            Assert.Equal(values[p], Encoding.UTF8.GetString(json.AsSpan()[properties[p].ValueStart..properties[p].ValueEnd]));
        }

        Assert.True(new RootObject(json, properties.AsSpan(0, count)).NameIs(properties[2], "repo"u8));
    }

    [Fact]
    public void IndexObject_MorePropertiesThanRoom_CountsAllRecordsWhatFits()
    {
        var json = Encoding.UTF8.GetBytes("{" + string.Join(",", Enumerable.Range(0, 10).Select(n => $"\"p{n}\":{n}")) + "}");
        var properties = new RootProperty[3];

        Assert.Equal(10, JsonSyntax.IndexObject(json, properties));
        Assert.Equal("2", Encoding.UTF8.GetString(json.AsSpan()[properties[2].ValueStart..properties[2].ValueEnd]));
    }

    [Fact]
    public void IndexObject_MutatedFixtures_AgreesWithTheReaderEveryTime()
    {
        const string alphabet = "{}[]\",:\\u0123456789abcdefABCDEFtrunlsx.-+eE \t\n\r\u0001";
        string[] pieces = ["\\ud800", "\\udc00", "\\ud83d\\ude80", "\\u00", "{\"a\":", "[1,", "true", "null", "\"", "\\\"", "]]]]", "{{{{"];
        var random = new Random(20261129);
        var fixtures = Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "Fixtures"), "*.json", SearchOption.AllDirectories)
            .Where(f => !f.Contains("stacks", StringComparison.Ordinal))
            .Select(File.ReadAllText)
            .ToArray();
        var checkedCount = 0;
        var accepted = 0;

        for (var round = 0; round < 20_000; round++)
        {
            var text = new StringBuilder(fixtures[random.Next(fixtures.Length)]);
            for (var edits = random.Next(1, 4); edits > 0; edits--)
            {
                var at = random.Next(text.Length + 1);
                switch (random.Next(4))
                {
                    case 0 when at < text.Length:
                        text.Remove(at, 1);
                        break;
                    case 1:
                        text.Insert(at, alphabet[random.Next(alphabet.Length)]);
                        break;
                    case 2:
                        text.Insert(at, pieces[random.Next(pieces.Length)]);
                        break;
                    default:
                        if (at < text.Length)
                        {
                            text[at] = alphabet[random.Next(alphabet.Length)];
                        }

                        break;
                }
            }

            var json = Encoding.UTF8.GetBytes(text.ToString());
            var expected = ReaderAccepts(json);
            Assert.True(expected == JsonSyntax.IndexObject(json, []) >= 0, $"disagrees with the reader ({expected}) on: {text}");
            checkedCount++;
            accepted += expected ? 1 : 0;
        }

        // Both kinds were met often enough for the comparison to mean something.
        Assert.InRange(accepted, checkedCount / 20, checkedCount - checkedCount / 20);
    }

    [Fact]
    public void IndexObject_ValidFixtures_IndexesWhatTheReaderFindsAtTheRoot()
    {
        foreach (var file in Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "Fixtures"), "*.json", SearchOption.AllDirectories))
        {
            var json = File.ReadAllBytes(file);
            if (!ReaderAccepts(json))
            {
                continue;
            }

            var properties = new RootProperty[256];
            var count = JsonSyntax.IndexObject(json, properties);
            var reader = new Utf8JsonReader(json, JsonRead.Options);
            reader.Read();
            var index = 0;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var root = new RootObject(json, properties.AsSpan(0, count));
                Assert.True(root.NameIs(properties[index], Encoding.UTF8.GetBytes(reader.GetString()!)), file);
                reader.Read();
                var start = (int)reader.TokenStartIndex;
                reader.Skip();
                Assert.Equal((start, (int)reader.BytesConsumed), (properties[index].ValueStart, properties[index].ValueEnd));
                index++;
            }

            Assert.Equal(index, count);
        }
    }

    private static void AssertSameAsReader(string json, bool expected)
    {
        var bytes = Encoding.UTF8.GetBytes(json);
        Assert.Equal(expected, ReaderAccepts(bytes));
        Assert.Equal(expected, JsonSyntax.IndexObject(bytes, []) >= 0);
    }

    /// <summary>The reference: one object by Utf8JsonReader with the readers' options, and every escaped string unescapes.</summary>
    private static bool ReaderAccepts(byte[] json)
    {
        if (!Utf8.IsValid(json))
        {
            return false;
        }

        try
        {
            var reader = new Utf8JsonReader(json, JsonRead.Options);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return false;
            }

            while (reader.Read())
            {
                if (reader.TokenType is JsonTokenType.String or JsonTokenType.PropertyName && reader.ValueIsEscaped)
                {
                    reader.GetString();
                }
            }

            return true;
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            return false;
        }
    }
}
