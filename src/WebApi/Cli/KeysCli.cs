using Connections.Application.ApiKeys.Commands.CreateApiKey;
using Connections.Application.ApiKeys.Commands.RevokeApiKey;
using Connections.Application.ApiKeys.Queries.ListApiKeys;
using Connections.Domain.Common;
using MediatR;

namespace Connections.WebApi.Cli;

/// <summary>
/// API key management from the command line, on the same configuration (and database) as the service:
/// <c>keys create --email a@b.c --role owner|member|application</c>, <c>keys list</c>, <c>keys revoke &lt;key id&gt;</c>.
/// The plain key is printed once, on stdout, and never logged.
/// </summary>
public static class KeysCli
{
    private const string Usage = """
        Usage:
          keys create --email <email> --role <member|owner|application>
          keys list
          keys revoke <key id>
        """;

    public static bool IsInvocation(string[] args) => args.Length > 0 && args[0] == "keys";

    /// <summary>The arguments the host should see: only configuration switches (<c>--Database:Provider=…</c>).</summary>
    public static string[] HostArgs(string[] args) =>
        args.Where(a => a.StartsWith("--", StringComparison.Ordinal) && a.Contains('=', StringComparison.Ordinal)).ToArray();

    public static async Task<int> RunAsync(IServiceProvider services, string[] args, TextWriter stdout, TextWriter stderr)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(stdout);
        ArgumentNullException.ThrowIfNull(stderr);
        await using var scope = services.CreateAsyncScope();
        var mediator = scope.ServiceProvider.GetRequiredService<IMediator>();
        var verb = args.Length > 1 ? args[1] : string.Empty;
        switch (verb)
        {
            case "create":
                return await CreateAsync(mediator, args, stdout, stderr);
            case "list":
                var keys = await mediator.Send(new ListApiKeysQuery());
                await stdout.WriteLineAsync($"{"ID",-31} {"ROLE",-12} {"CREATED (UTC)",-20} {"REVOKED (UTC)",-20} EMAIL");
                foreach (var k in keys.Value)
                {
                    await stdout.WriteLineAsync($"{k.Id,-31} {k.Role.ToString().ToLowerInvariant(),-12} {k.CreatedAt.UtcDateTime,-20:yyyy-MM-dd HH:mm:ss} {k.RevokedAt?.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture) ?? "-",-20} {k.Email}");
                }

                return 0;
            case "revoke" when args.Length == 3:
                var revoked = await mediator.Send(new RevokeApiKeyCommand(args[2]));
                if (revoked.IsFailure)
                {
                    await stderr.WriteLineAsync(revoked.Error.Message);
                    return 1;
                }

                await stdout.WriteLineAsync($"Revoked {args[2]}.");
                return 0;
            default:
                await stderr.WriteLineAsync(Usage);
                return 2;
        }
    }

    private static async Task<int> CreateAsync(IMediator mediator, string[] args, TextWriter stdout, TextWriter stderr)
    {
        var email = Option(args, "--email");
        var roleText = Option(args, "--role");
        if (email is null || !TryParseRole(roleText, out var role))
        {
            await stderr.WriteLineAsync(Usage);
            return 2;
        }

        var created = await mediator.Send(new CreateApiKeyCommand(email, role));
        if (created.IsFailure)
        {
            var details = created.Error is ValidationError v ? string.Join("; ", v.Errors.Select(e => $"{e.Key}: {string.Join(" ", e.Value)}")) : created.Error.Message;
            await stderr.WriteLineAsync(details);
            return 1;
        }

        await stderr.WriteLineAsync($"Created {created.Value.ApiKey.Id} ({role.ToString().ToLowerInvariant()}) for {created.Value.ApiKey.Email}. The key is shown only now:");
        await stdout.WriteLineAsync(created.Value.Key);
        return 0;
    }

    private static string? Option(string[] args, string name)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length ? args[index + 1] : null;
    }

    private static bool TryParseRole(string? text, out CallerRole role)
    {
        role = text switch
        {
            "member" => CallerRole.Member,
            "owner" => CallerRole.Owner,
            "application" => CallerRole.Application,
            _ => default,
        };
        return role != default;
    }
}
