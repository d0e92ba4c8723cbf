using System.Buffers.Binary;
using System.Security.Cryptography;

namespace Connections.Domain.Common;

/// <summary>
/// Time-ordered, random identifiers (ULID layout: 48-bit millisecond timestamp + 80 random bits, Crockford base32),
/// with a type prefix such as <c>conn_</c>. Sorting ids sorts by creation time, which keeps keyset paging and
/// B-tree inserts cheap, and the random part makes ids unguessable.
/// </summary>
public static class Ids
{
    private const string Alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

    /// <summary>Length of the part after the prefix.</summary>
    public const int BodyLength = 26;

    public static string New(string prefix, DateTimeOffset now)
    {
        ArgumentException.ThrowIfNullOrEmpty(prefix);
        Span<byte> bytes = stackalloc byte[16];
        BinaryPrimitives.WriteUInt64BigEndian(bytes, (ulong)now.ToUnixTimeMilliseconds() << 16);
        RandomNumberGenerator.Fill(bytes[6..]);
        var value = BinaryPrimitives.ReadUInt128BigEndian(bytes);

        Span<char> id = stackalloc char[prefix.Length + BodyLength];
        prefix.AsSpan().CopyTo(id);
        for (var i = id.Length - 1; i >= prefix.Length; i--)
        {
            id[i] = Alphabet[(int)(value & 31)];
            value >>= 5;
        }

        return new string(id);
    }

    /// <summary>True when <paramref name="id"/> has the prefix followed by a well-formed body.</summary>
    public static bool IsValid(string? id, string prefix)
    {
        ArgumentNullException.ThrowIfNull(prefix);
        if (id is null || id.Length != prefix.Length + BodyLength || !id.StartsWith(prefix, StringComparison.Ordinal)
            || id[prefix.Length] > '7')
        {
            // 26 base32 characters carry 130 bits; the top two are always zero, so the first is 0–7.
            return false;
        }

        foreach (var c in id.AsSpan(prefix.Length))
        {
            if (!Alphabet.Contains(c, StringComparison.Ordinal))
            {
                return false;
            }
        }

        return true;
    }
}
