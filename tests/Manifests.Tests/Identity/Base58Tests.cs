using System.Text;
using Ipfs.Manifests.Identity;
using Xunit;

namespace Ipfs.Manifests.Tests.Identity;

public class Base58Tests
{
    // Known answers from Bitcoin Core, src/test/data/base58_encode_decode.json
    // (repository bitcoin/bitcoin): [hex bytes, base58 text].
    public static TheoryData<string, string> BitcoinCoreVectors => new()
    {
        { "", "" },
        { "61", "2g" },
        { "626262", "a3gV" },
        { "636363", "aPEr" },
        { "73696d706c792061206c6f6e6720737472696e67", "2cFupjhnEsSn59qHXstmK2ffpLv2" },
        { "00eb15231dfceb60925886b67d065299925915aeb172c06647", "1NS17iag9jJgTHD1VXjvLCEnZuQ3rJDE9L" },
        { "516b6fcd0f", "ABnLTmg" },
        { "bf4f89001e670274dd", "3SEo3LWLoPntC" },
        { "572e4794", "3EFU7m" },
        { "ecac89cad93923c02321", "EJDM8drfXA6uyA" },
        { "10c8511e", "Rt5zm" },
        { "00000000000000000000", "1111111111" },
        {
            "00000000000000000000000000000000000000000000000000000000000000000000000000000001",
            "1111111111111111111111111111111111111112"
        },
        {
            "000111d38e5fc9071ffcd20b4a763cc9ae4f252bb4e48fd66a835e252ada93ff480d6dd43dc62a641155a5",
            "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz"
        },
        { "271F359E", "zzzzy" },
        { "271F359F", "zzzzz" },
        { "271F35A0", "211111" },
        { "271F35A1", "211112" },
    };

    [Theory]
    [MemberData(nameof(BitcoinCoreVectors))]
    public void Encode_MatchesBitcoinCoreVectors(string hex, string expected)
    {
        Assert.Equal(expected, Base58.Encode(Convert.FromHexString(hex)));
    }

    [Theory]
    [MemberData(nameof(BitcoinCoreVectors))]
    public void Decode_MatchesBitcoinCoreVectors(string hex, string text)
    {
        Assert.Equal(Convert.FromHexString(hex), Base58.Decode(text));
    }

    // Known answers from multiformats/multibase, tests/basic.csv, tests/leading_zero.csv and
    // tests/two_leading_zeros.csv: the base58btc rows, whose leading 'z' is the multibase prefix.
    [Theory]
    [InlineData("yes mani !", "z7paNL19xttacUY")]
    [InlineData("\0yes mani !", "z17paNL19xttacUY")]
    [InlineData("\0\0yes mani !", "z117paNL19xttacUY")]
    public void MultibaseBase58btcVectors(string input, string multibase)
    {
        Assert.StartsWith("z", multibase);
        var bytes = Encoding.ASCII.GetBytes(input);

        Assert.Equal(multibase[1..], Base58.Encode(bytes));
        Assert.Equal(bytes, Base58.Decode(multibase[1..]));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(5)]
    public void LeadingZeroBytes_MapToLeadingOnes(int zeros)
    {
        var data = new byte[zeros + 3];
        data[zeros] = 0x01;
        data[zeros + 1] = 0x02;
        data[zeros + 2] = 0x03;

        var encoded = Base58.Encode(data);

        Assert.Equal(new string('1', zeros), encoded[..zeros]);
        Assert.NotEqual('1', encoded[zeros]);
        Assert.Equal(data, Base58.Decode(encoded));
    }

    [Fact]
    public void AllZeroBytes_AreAllOnes()
    {
        Assert.Equal("1", Base58.Encode(new byte[1]));
        Assert.Equal("111", Base58.Encode(new byte[3]));
        Assert.Equal(new byte[4], Base58.Decode("1111"));
    }

    [Fact]
    public void RandomRoundTrips()
    {
        var random = new Random(20240601);
        for (var i = 0; i < 500; i++)
        {
            var data = new byte[random.Next(0, 80)];
            random.NextBytes(data);
            var leadingZeros = random.Next(0, 4);
            for (var z = 0; z < leadingZeros && z < data.Length; z++)
            {
                data[z] = 0;
            }

            var encoded = Base58.Encode(data);

            Assert.All(encoded, c => Assert.Contains(c, Base58.Alphabet));
            Assert.Equal(data, Base58.Decode(encoded));
            Assert.Equal(encoded, Base58.Encode(Base58.Decode(encoded)));
        }
    }

    [Theory]
    [InlineData("0")]
    [InlineData("O")]
    [InlineData("I")]
    [InlineData("l")]
    [InlineData("2NEp0")]
    [InlineData("abcOdef")]
    [InlineData("Il")]
    [InlineData("12D3KooW l")]
    [InlineData("+/=")]
    [InlineData("é")]
    public void Decode_RejectsCharactersOutsideTheAlphabet(string text)
    {
        var ex = Assert.Throws<FormatException>(() => Base58.Decode(text));
        Assert.Contains("base58", ex.Message);
        Assert.False(Base58.TryDecode(text, out _));
    }

    [Fact]
    public void Decode_RejectsNull()
    {
        Assert.Throws<ArgumentNullException>(() => Base58.Decode(null!));
        Assert.False(Base58.TryDecode(null, out _));
    }

    [Fact]
    public void Alphabet_IsBitcoinAlphabet()
    {
        Assert.Equal(58, Base58.Alphabet.Length);
        Assert.Equal(58, Base58.Alphabet.Distinct().Count());
        foreach (var excluded in "0OIl")
        {
            Assert.DoesNotContain(excluded, Base58.Alphabet);
        }
    }
}
