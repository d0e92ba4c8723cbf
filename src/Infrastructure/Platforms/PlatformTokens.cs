namespace Connections.Infrastructure.Platforms;

/// <summary>Cheap checks on a token before it goes into a header (a header cannot carry control characters).</summary>
internal static class PlatformTokens
{
    public const int MaxLength = 512;

    public static bool IsUsable(string? token) =>
        !string.IsNullOrWhiteSpace(token)
        && token.Length <= MaxLength
        && !token.Any(c => char.IsControl(c) || char.IsWhiteSpace(c));
}
