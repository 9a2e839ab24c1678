using System.Text;
using FsCheck;
using FsCheck.Fluent;

namespace Ipfs.Manifests.Tests.Fuzz;

/// <summary>One change to a file's bytes; <see cref="Name"/> says which, with its parameters, for a failure report.</summary>
internal sealed record Mutation(string Name, Func<byte[], byte[]> Apply)
{
    public override string ToString() => Name;

    // YAML and JSON syntax, and text that reaches odd corners of both readers.
    private static readonly string[] Fragments =
    [
        ":", ": ", "- ", "[", "]", "{", "}", ",", "\"", "'", "\t", "\n", "\r\n", "  ", "#", "&a ", "*a", "*b ", "!!binary ", "!!int ", "? ",
        "|", "|-\n", ">", "---\n", "...\n", "%YAML 1.1\n", "%TAG ! tag:x:\n", "<<: *a\n", "\0", "~", "null", "true", "@", "`", "\\", "\\u0000", "\\ud800",
        "\"format\": 2,", "\"clusterSecret\": \"x\",", "\"restApi\": {},", "{\"a\":", "ipfs-infra:", "ipfs-infr:peers: 5\n", "config:\n", "  secure: v1:x\n",
        "memory: 4096m", "peers: 3\npeers: 4\n", "\u00a0", "\ufeff", "\u202e", "\u200b", "🧪", "é", "\uffff",
    ];

    private static readonly string[] HugeNumbers =
    [
        new string('9', 400), "1e999", "-1e999", "1E+308", "-0", "0x7FFFFFFF", "0o777", ".inf", "-.nan", "99999999999999999999", "-2147483649",
        "4294967296", "9223372036854775808", "79228162514264337593543950336", "0.0000000000000000000000000001", "9999999999999999999999999Ei",
        "1" + new string('0', 40) + "h",
    ];

    private static readonly byte[][] InvalidUtf8 = [[0xff], [0xc0, 0x80], [0xed, 0xa0, 0x80], [0xf4, 0x90, 0x80, 0x80], [0xe2, 0x82], [0x00]];

    /// <summary>One to four random mutations.</summary>
    public static Gen<Mutation[]> Some { get; } = Gen.Choose(1, 4).SelectMany(n => Gen.ArrayOf(One, n));

    private static Gen<int> Position => Gen.Choose(0, int.MaxValue - 1);

    private static Gen<Mutation> One => Gen.OneOf(
        Position.Zip(Gen.Choose(0, 7), (at, bit) => new Mutation($"flip bit {bit} at {at}", b => Edit(b, at, (bytes, i) => bytes[i] ^= (byte)(1 << bit)))),
        Position.Zip(Gen.Choose(0, 255), (at, value) => new Mutation($"set byte {at} to {value}", b => Edit(b, at, (bytes, i) => bytes[i] = (byte)value))),
        Position.Select(at => new Mutation($"truncate at {at}", b => b[..(b.Length == 0 ? 0 : at % b.Length)])),
        Position.Zip(Gen.Elements(Fragments), (at, text) => new Mutation($"insert {Quote(text)} at {at}", b => Insert(b, at, Encoding.UTF8.GetBytes(text)))),
        Position.Zip(Gen.Elements(InvalidUtf8), (at, bytes) => new Mutation($"insert bytes {Convert.ToHexString(bytes)} at {at}", b => Insert(b, at, bytes))),
        Position.Zip(Gen.Choose(0, 0x10FFFF).Where(c => c is < 0xD800 or > 0xDFFF), (at, c) => new Mutation($"insert U+{c:X4} at {at}", b => Insert(b, at, Encoding.UTF8.GetBytes(char.ConvertFromUtf32(c))))),
        Position.Zip(Gen.Elements(HugeNumbers), (line, number) => new Mutation($"set a value on line {line} to {number[..Math.Min(20, number.Length)]}", b => ReplaceValue(b, line, number))),
        Position.Select(line => new Mutation($"duplicate line {line}", b => Lines(b, line, (lines, i) => lines.Insert(i, lines[i])))),
        Position.Select(line => new Mutation($"delete line {line}", b => Lines(b, line, (lines, i) => lines.RemoveAt(i)))),
        Position.Zip(Position, (a, c) => new Mutation($"swap lines {a} and {c}", b => Lines(b, a, (lines, i) => (lines[i], lines[c % lines.Count]) = (lines[c % lines.Count], lines[i])))),
        Position.Zip(Gen.Choose(-4, 4), (line, by) => new Mutation($"indent line {line} by {by}", b => Lines(b, line, (lines, i) => lines[i] = by >= 0 ? new string(' ', by) + lines[i] : lines[i][Math.Min(-by, lines[i].Length - lines[i].TrimStart(' ').Length)..]))),
        Position.Zip(Gen.Choose(1, 400), (at, depth) => (at, depth)).Zip(Gen.Elements("[", "{", "- ", "{a: ", "? ", "[{\"a\":"),
            (p, opener) => new Mutation($"nest {p.depth} x {Quote(opener)} at {p.at}", b => Insert(b, p.at, Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat(opener, p.depth)))))));

    private static string Quote(string text) => System.Text.Json.JsonSerializer.Serialize(text);

    private static byte[] Edit(byte[] bytes, int at, Action<byte[], int> edit)
    {
        if (bytes.Length == 0) return bytes;
        var copy = (byte[])bytes.Clone();
        edit(copy, at % copy.Length);
        return copy;
    }

    private static byte[] Insert(byte[] bytes, int at, byte[] text)
    {
        var i = at % (bytes.Length + 1);
        return [.. bytes[..i], .. text, .. bytes[i..]];
    }

    private static byte[] Lines(byte[] bytes, int line, Action<List<string>, int> edit)
    {
        var lines = Encoding.UTF8.GetString(bytes).Split('\n').ToList();
        edit(lines, line % lines.Count);
        return Encoding.UTF8.GetBytes(string.Join('\n', lines));
    }

    private static byte[] ReplaceValue(byte[] bytes, int line, string value) => Lines(bytes, line, (lines, i) =>
    {
        var colon = lines[i].IndexOf(": ", StringComparison.Ordinal);
        lines[i] = colon < 0 ? lines[i] + value : lines[i][..(colon + 2)] + value;
    });
}
