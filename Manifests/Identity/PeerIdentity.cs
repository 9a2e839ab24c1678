using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Math.EC.Rfc8032;

namespace Ipfs.Manifests.Identity;

/// <summary>
/// A libp2p Ed25519 peer identity, as used by ipfs-cluster (<c>identity.json</c>) and
/// kubo (<c>Identity.PeerID</c> / <c>Identity.PrivKey</c>).
/// </summary>
/// <remarks>
/// <para>Encodings follow the libp2p peer-id spec (libp2p/specs, peer-ids/peer-ids.md):</para>
/// <list type="bullet">
/// <item><description>public key: protobuf <c>PublicKey{Type=Ed25519(1), Data=pubkey(32)}</c>,
/// i.e. <c>08 01 12 20 &lt;pubkey&gt;</c>;</description></item>
/// <item><description>peer ID: identity multihash of that (<c>00 24</c> + 36 bytes), in base58btc,
/// which always starts with <c>12D3KooW</c>;</description></item>
/// <item><description>private key: protobuf <c>PrivateKey{Type=Ed25519(1), Data=seed(32)||pubkey(32)}</c>,
/// i.e. <c>08 01 12 40 &lt;seed&gt; &lt;pubkey&gt;</c>, in standard base64 (starts with <c>CAESQ</c>).</description></item>
/// </list>
/// <para><see cref="object.ToString"/> prints only the peer ID, never key material.</para>
/// </remarks>
public sealed record PeerIdentity
{
    /// <summary>Length of an Ed25519 seed (the RFC 8032 secret key) in bytes.</summary>
    public const int SeedLength = 32;

    /// <summary>Length of an Ed25519 public key in bytes.</summary>
    public const int PublicKeyLength = 32;

    private const byte KeyTypeEd25519 = 1;
    private const byte MultihashIdentity = 0x00;
    private const int PeerIdByteLength = 2 + 4 + PublicKeyLength; // 38

    // 08 01 = field 1 (varint) Type = Ed25519; 12 20 = field 2 (bytes) of length 32.
    private static readonly byte[] PublicKeyProtobufPrefix = [0x08, KeyTypeEd25519, 0x12, PublicKeyLength];

    // Identity multihash (code 0x00, length 0x24 = 36) of the 36-byte protobuf public key.
    private static readonly byte[] PeerIdPrefix = [MultihashIdentity, 0x24, 0x08, KeyTypeEd25519, 0x12, PublicKeyLength];

    private static readonly JsonWriterOptions IdentityJsonWriterOptions = new()
    {
        Indented = true,
        IndentCharacter = ' ',
        IndentSize = 4,
        NewLine = "\n",
        // Go's encoding/json leaves '+' and '/' alone; the default encoder would write \u002B.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    private readonly byte[] _seed;
    private readonly byte[] _publicKey;

    private PeerIdentity(byte[] seed, byte[] publicKey)
    {
        _seed = seed;
        _publicKey = publicKey;

        var peerIdBytes = new byte[PeerIdByteLength];
        PeerIdPrefix.CopyTo(peerIdBytes, 0);
        publicKey.CopyTo(peerIdBytes, PeerIdPrefix.Length);
        PeerId = Base58.Encode(peerIdBytes);

        var privateKeyBytes = new byte[4 + SeedLength + PublicKeyLength];
        privateKeyBytes[0] = 0x08;
        privateKeyBytes[1] = KeyTypeEd25519;
        privateKeyBytes[2] = 0x12;
        privateKeyBytes[3] = SeedLength + PublicKeyLength;
        seed.CopyTo(privateKeyBytes, 4);
        publicKey.CopyTo(privateKeyBytes, 4 + SeedLength);
        PrivateKeyBase64 = Convert.ToBase64String(privateKeyBytes);
        CryptographicOperations.ZeroMemory(privateKeyBytes);
    }

    /// <summary>The peer ID: base58btc of the identity multihash of the protobuf public key (<c>12D3KooW…</c>).</summary>
    public string PeerId { get; }

    /// <summary>
    /// Standard base64 of the protobuf libp2p private key (<c>08 01 12 40 seed pubkey</c>): the
    /// <c>private_key</c> of ipfs-cluster's identity.json and kubo's <c>Identity.PrivKey</c>.
    /// </summary>
    public string PrivateKeyBase64 { get; }

    /// <summary>A copy of the raw 32-byte Ed25519 public key.</summary>
    public byte[] PublicKey => (byte[])_publicKey.Clone();

    /// <summary>The protobuf-encoded libp2p public key (<c>08 01 12 20 pubkey</c>), as a new array.</summary>
    public byte[] PublicKeyProtobuf()
    {
        var result = new byte[PublicKeyProtobufPrefix.Length + PublicKeyLength];
        PublicKeyProtobufPrefix.CopyTo(result, 0);
        _publicKey.CopyTo(result, PublicKeyProtobufPrefix.Length);
        return result;
    }

    /// <summary>Derives the identity from a 32-byte Ed25519 seed (the RFC 8032 secret key).</summary>
    /// <exception cref="ArgumentException">The seed is not exactly 32 bytes.</exception>
    public static PeerIdentity FromSeed(ReadOnlySpan<byte> seed)
    {
        if (seed.Length != SeedLength)
        {
            throw new ArgumentException(
                $"An Ed25519 seed must be exactly {SeedLength} bytes, but {seed.Length} bytes were given.",
                nameof(seed));
        }

        var seedCopy = seed.ToArray();
        return new PeerIdentity(seedCopy, DerivePublicKey(seedCopy));
    }

    /// <summary>
    /// Parses a base64 protobuf libp2p private key (ipfs-cluster's <c>private_key</c>, kubo's
    /// <c>Identity.PrivKey</c>). The key type must be Ed25519 and the embedded public key must match
    /// the one derived from the seed. The legacy 96-byte form (seed, pubkey, pubkey) described in the
    /// peer-id spec is accepted when both public key copies match.
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="privateKeyBase64"/> is null.</exception>
    /// <exception cref="FormatException">The text is not a valid Ed25519 libp2p private key.</exception>
    public static PeerIdentity FromPrivateKeyBase64(string privateKeyBase64)
    {
        ArgumentNullException.ThrowIfNull(privateKeyBase64);

        byte[] raw;
        try
        {
            raw = Convert.FromBase64String(privateKeyBase64);
        }
        catch (FormatException ex)
        {
            throw new FormatException("The libp2p private key is not valid base64.", ex);
        }

        try
        {
            var (keyType, data) = ParseKeyProtobuf(raw);
            if (keyType != KeyTypeEd25519)
            {
                throw new FormatException(
                    $"The libp2p private key has key type {keyType} ({KeyTypeName(keyType)}); only Ed25519 (1) is supported.");
            }

            if (data.Length != SeedLength + PublicKeyLength && data.Length != SeedLength + 2 * PublicKeyLength)
            {
                throw new FormatException(
                    $"An Ed25519 libp2p private key must hold {SeedLength + PublicKeyLength} bytes (seed and public key), but it holds {data.Length}.");
            }

            var seed = data[..SeedLength];
            var embedded = data.AsSpan(SeedLength, PublicKeyLength);
            if (data.Length == SeedLength + 2 * PublicKeyLength
                && !embedded.SequenceEqual(data.AsSpan(SeedLength + PublicKeyLength, PublicKeyLength)))
            {
                throw new FormatException(
                    "The legacy 96-byte Ed25519 libp2p private key holds two different public keys.");
            }

            var derived = DerivePublicKey(seed);
            if (!CryptographicOperations.FixedTimeEquals(derived, embedded))
            {
                throw new FormatException(
                    "The public key embedded in the Ed25519 libp2p private key does not match the public key derived from its seed.");
            }

            CryptographicOperations.ZeroMemory(data);
            return new PeerIdentity(seed, derived);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(raw);
        }
    }

    /// <summary>
    /// Parses an ipfs-cluster identity.json (<c>{"id": …, "private_key": …}</c>) and checks that the
    /// <c>id</c> is the peer ID of the private key.
    /// </summary>
    /// <exception cref="FormatException">The JSON is malformed, a field is missing, or the id does not match.</exception>
    public static PeerIdentity FromIdentityJson(string json)
    {
        ArgumentNullException.ThrowIfNull(json);

        string? id;
        string? privateKey;
        try
        {
            using var doc = JsonDocument.Parse(json);
            if (doc.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw new FormatException("identity.json must hold a JSON object.");
            }
            id = GetString(doc.RootElement, "id");
            privateKey = GetString(doc.RootElement, "private_key");
        }
        catch (JsonException ex)
        {
            throw new FormatException("identity.json is not valid JSON.", ex);
        }

        if (string.IsNullOrEmpty(privateKey))
        {
            throw new FormatException("identity.json has no \"private_key\".");
        }

        var identity = FromPrivateKeyBase64(privateKey);
        if (id != identity.PeerId)
        {
            throw new FormatException(
                $"identity.json \"id\" ({id ?? "missing"}) is not the peer ID of its private key ({identity.PeerId}).");
        }
        return identity;

        static string? GetString(JsonElement obj, string name) =>
            obj.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
                ? value.GetString()
                : null;
    }

    /// <summary>
    /// True when <paramref name="peerId"/> is a base58btc Ed25519 identity-multihash peer ID:
    /// it decodes to exactly 38 bytes starting <c>00 24 08 01 12 20</c> and the last 32 bytes
    /// are a valid Ed25519 public key (a point on the curve in the prime-order subgroup).
    /// RSA/sha256 (<c>Qm…</c>), CID-form and other key types are rejected.
    /// </summary>
    public static bool IsValidPeerId(string? peerId)
    {
        if (string.IsNullOrEmpty(peerId) || peerId.Length > 64)
        {
            return false;
        }

        if (!Base58.TryDecode(peerId, out var bytes) || bytes.Length != PeerIdByteLength)
        {
            return false;
        }

        if (!bytes.AsSpan(0, PeerIdPrefix.Length).SequenceEqual(PeerIdPrefix))
        {
            return false;
        }

        return Ed25519.ValidatePublicKeyFull(bytes, PeerIdPrefix.Length);
    }

    /// <summary>
    /// ipfs-cluster's identity.json content exactly as ipfs-cluster writes it
    /// (<c>json.MarshalIndent(…, "", "    ")</c>, no trailing newline):
    /// <c>{\n    "id": "…",\n    "private_key": "…"\n}</c>.
    /// </summary>
    public string IdentityJson()
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, IdentityJsonWriterOptions))
        {
            writer.WriteStartObject();
            writer.WriteString("id", PeerId);
            writer.WriteString("private_key", PrivateKeyBase64);
            writer.WriteEndObject();
        }
        return Encoding.UTF8.GetString(stream.GetBuffer(), 0, (int)stream.Length);
    }

    /// <summary>Equal when the seeds are equal (compared in constant time).</summary>
    public bool Equals(PeerIdentity? other) =>
        other is not null && CryptographicOperations.FixedTimeEquals(_seed, other._seed);

    /// <inheritdoc />
    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(PeerId);

    // Records print every public property by default; print the peer ID only so that
    // neither the private key nor the seed ever lands in a log.
    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append("PeerId = ").Append(PeerId);
        return true;
    }

    private static byte[] DerivePublicKey(byte[] seed)
    {
        var publicKey = new byte[PublicKeyLength];
        Ed25519.GeneratePublicKey(seed, 0, publicKey, 0);
        return publicKey;
    }

    private static string KeyTypeName(ulong keyType) => keyType switch
    {
        0 => "RSA",
        1 => "Ed25519",
        2 => "Secp256k1",
        3 => "ECDSA",
        _ => "unknown",
    };

    // Parses the libp2p key message: field 1 Type (varint), field 2 Data (bytes). Both required,
    // each at most once; any other field or trailing garbage is rejected.
    private static (ulong KeyType, byte[] Data) ParseKeyProtobuf(ReadOnlySpan<byte> buffer)
    {
        ulong? keyType = null;
        byte[]? data = null;
        var pos = 0;
        while (pos < buffer.Length)
        {
            var tag = ReadVarint(buffer, ref pos);
            switch (tag)
            {
                case (1 << 3) | 0 when keyType is null:
                    keyType = ReadVarint(buffer, ref pos);
                    break;
                case (2 << 3) | 2 when data is null:
                    var length = ReadVarint(buffer, ref pos);
                    if (length > (ulong)(buffer.Length - pos))
                    {
                        throw new FormatException("The libp2p private key is truncated: its Data field runs past the end.");
                    }
                    data = buffer.Slice(pos, (int)length).ToArray();
                    pos += (int)length;
                    break;
                default:
                    throw new FormatException(
                        $"The libp2p private key has an unexpected or repeated protobuf field (tag 0x{tag:x}).");
            }
        }

        if (keyType is null || data is null)
        {
            throw new FormatException("The libp2p private key lacks its Type or Data field.");
        }
        return (keyType.Value, data);
    }

    private static ulong ReadVarint(ReadOnlySpan<byte> buffer, ref int pos)
    {
        ulong value = 0;
        for (var shift = 0; shift < 64; shift += 7)
        {
            if (pos >= buffer.Length)
            {
                throw new FormatException("The libp2p private key is truncated inside a protobuf varint.");
            }
            var b = buffer[pos++];
            value |= (ulong)(b & 0x7f) << shift;
            if ((b & 0x80) == 0)
            {
                return value;
            }
        }
        throw new FormatException("The libp2p private key has an over-long protobuf varint.");
    }
}
