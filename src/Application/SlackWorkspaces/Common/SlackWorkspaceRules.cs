using System.Text.RegularExpressions;
using Connections.Application.Connections.Common;
using Connections.Domain.Connections;
using Connections.Domain.SlackWorkspaces;
using FluentValidation;

namespace Connections.Application.SlackWorkspaces.Common;

/// <summary>
/// The shape checks of a Slack app configuration. Messages describe the expected shape and never echo the value.
/// Bot tokens and signing secrets follow the same rules as a Slack connection's (<see cref="CredentialRules"/>).
/// </summary>
public static partial class SlackWorkspaceRules
{
    public const string Required = "Is required.";

    [GeneratedRegex(@"^T[A-Z0-9]+\z", RegexOptions.CultureInvariant)]
    public static partial Regex TeamId();

    [GeneratedRegex(@"^xapp-[A-Za-z0-9-]+\z", RegexOptions.CultureInvariant)]
    public static partial Regex AppToken();

    [GeneratedRegex(@"^A[A-Z0-9]+\z", RegexOptions.CultureInvariant)]
    public static partial Regex AppId();

    [GeneratedRegex(@"^[UW][A-Z0-9]+\z", RegexOptions.CultureInvariant)]
    public static partial Regex BotUserId();

    public static IRuleBuilderOptions<T, string?> TeamIdRule<T>(this IRuleBuilder<T, string?> rule) =>
        rule.MaximumLength(SlackWorkspace.MaxIdLength).WithMessage($"Must be at most {SlackWorkspace.MaxIdLength} characters.")
            .Matches(TeamId()).WithMessage("Must be a Slack team id: 'T' followed by upper-case letters and digits (e.g. T0123ABCD).");

    public static IRuleBuilderOptions<T, string?> TeamNameRule<T>(this IRuleBuilder<T, string?> rule) =>
        rule.Must(n => n is null || (n.Trim().Length > 0 && n.Trim().Length <= SlackWorkspace.MaxNameLength))
            .WithMessage($"Must have 1–{SlackWorkspace.MaxNameLength} characters besides spaces.")
            .Must(n => n is null || !ConnectionName.HasForbiddenCharacter(n.Trim()))
            .WithMessage(ConnectionName.ForbiddenCharacterMessage);

    public static IRuleBuilderOptions<T, string?> BotTokenRule<T>(this IRuleBuilder<T, string?> rule) =>
        rule.MaximumLength(CredentialRules.MaxSlackTokenLength).WithMessage($"Must be at most {CredentialRules.MaxSlackTokenLength} characters.")
            .Matches(CredentialRules.SlackBotToken()).WithMessage("Must be a Slack bot token (starts with 'xoxb-').");

    public static IRuleBuilderOptions<T, string?> AppTokenRule<T>(this IRuleBuilder<T, string?> rule) =>
        rule.MaximumLength(CredentialRules.MaxSlackTokenLength).WithMessage($"Must be at most {CredentialRules.MaxSlackTokenLength} characters.")
            .Matches(AppToken()).WithMessage("Must be a Slack app-level token (starts with 'xapp-').");

    public static IRuleBuilderOptions<T, string?> SigningSecretRule<T>(this IRuleBuilder<T, string?> rule) =>
        rule.Matches(CredentialRules.SlackSigningSecret()).WithMessage("Must be a Slack signing secret (16–128 letters and digits).");
}
