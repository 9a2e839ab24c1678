using System.Text;

namespace Ipfs.Manifests.Identity;

/// <summary>
/// Base58btc: the Bitcoin alphabet base58 encoding used by libp2p peer IDs
/// (and by multibase under the prefix <c>z</c>). Each leading zero byte maps to a
/// leading <c>'1'</c> and back; the rest is the big-endian integer in radix 58.
/// </summary>
public static class Base58
{
    /// <summary>The Bitcoin alphabet: digits and letters without 0, O, I and l.</summary>
    public const string Alphabet = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";

    private static readonly sbyte[] DecodeMap = BuildDecodeMap();

    private static sbyte[] BuildDecodeMap()
    {
        var map = new sbyte[128];
        Array.Fill(map, (sbyte)-1);
        for (var i = 0; i < Alphabet.Length; i++)
        {
            map[Alphabet[i]] = (sbyte)i;
        }
        return map;
    }

    /// <summary>Encodes bytes as base58btc. Empty input gives an empty string.</summary>
    public static string Encode(ReadOnlySpan<byte> data)
    {
        var zeros = 0;
        while (zeros < data.Length && data[zeros] == 0)
        {
            zeros++;
        }

        // log(256) / log(58) ≈ 1.366, so 138/100 digits per byte is always enough.
        var size = (data.Length - zeros) * 138 / 100 + 1;
        var digits = new byte[size];
        var length = 0;
        for (var i = zeros; i < data.Length; i++)
        {
            int carry = data[i];
            var j = 0;
            for (var k = size - 1; (carry != 0 || j < length) && k >= 0; k--, j++)
            {
                carry += 256 * digits[k];
                digits[k] = (byte)(carry % 58);
                carry /= 58;
            }
            length = j;
        }

        var start = size - length;
        while (start < size && digits[start] == 0)
        {
            start++;
        }

        var sb = new StringBuilder(zeros + size - start);
        sb.Append('1', zeros);
        for (var i = start; i < size; i++)
        {
            sb.Append(Alphabet[digits[i]]);
        }
        return sb.ToString();
    }

    /// <summary>Decodes a base58btc string.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="text"/> is null.</exception>
    /// <exception cref="FormatException">The text has a character outside the Bitcoin alphabet.</exception>
    public static byte[] Decode(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (!TryDecode(text, out var result, out var badIndex))
        {
            throw new FormatException(
                $"Invalid base58btc character '{text[badIndex]}' at position {badIndex}.");
        }
        return result;
    }

    /// <summary>Decodes a base58btc string, returning false on any character outside the alphabet.</summary>
    public static bool TryDecode(string? text, out byte[] result)
    {
        if (text is null)
        {
            result = [];
            return false;
        }
        return TryDecode(text, out result, out _);
    }

    private static bool TryDecode(string text, out byte[] result, out int badIndex)
    {
        result = [];
        badIndex = -1;

        var zeros = 0;
        while (zeros < text.Length && text[zeros] == '1')
        {
            zeros++;
        }

        // log(58) / log(256) ≈ 0.733, so 733/1000 bytes per character is always enough.
        var size = (text.Length - zeros) * 733 / 1000 + 1;
        var bytes = new byte[size];
        var length = 0;
        for (var i = zeros; i < text.Length; i++)
        {
            var c = text[i];
            var value = c < 128 ? DecodeMap[c] : -1;
            if (value < 0)
            {
                badIndex = i;
                return false;
            }

            int carry = value;
            var j = 0;
            for (var k = size - 1; (carry != 0 || j < length) && k >= 0; k--, j++)
            {
                carry += 58 * bytes[k];
                bytes[k] = (byte)(carry & 0xff);
                carry >>= 8;
            }
            length = j;
        }

        var start = size - length;
        while (start < size && bytes[start] == 0)
        {
            start++;
        }

        result = new byte[zeros + size - start];
        Array.Copy(bytes, start, result, zeros, size - start);
        return true;
    }
}
