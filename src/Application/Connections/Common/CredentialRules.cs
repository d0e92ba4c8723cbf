using System.Text.RegularExpressions;
using Connections.Domain.Connections;
using Connections.Domain.Common;
using FluentValidation;

namespace Connections.Application.Connections.Common;

/// <summary>Credentials as the client sends them. <see cref="ToString"/> never shows a value.</summary>
public sealed record CredentialsInput(string? BotToken, string? SigningSecret, string? GuildId)
{
    public override string ToString() => "CredentialsInput { *** }";
}

/// <summary>Settings as the client sends them; null keeps the current (or default) value.</summary>
public sealed record SettingsInput(int? SyncIntervalMinutes, bool? WikiEnabled, bool? GraphEnabled);

/// <summary>
/// The shape checks of credentials, per platform. Messages describe the expected shape and never echo the value.
/// </summary>
public static partial class CredentialRules
{
    public const int MaxSlackTokenLength = 255;
    public const int MinDiscordTokenLength = 20;
    public const int MaxDiscordTokenLength = 200;

    [GeneratedRegex(@"^xoxb-[A-Za-z0-9-]+\z", RegexOptions.CultureInvariant)]
    public static partial Regex SlackBotToken();

    [GeneratedRegex(@"^[A-Za-z0-9]{16,128}\z", RegexOptions.CultureInvariant)]
    public static partial Regex SlackSigningSecret();

    [GeneratedRegex(@"^[A-Za-z0-9_\-]+\.[A-Za-z0-9_\-]+\.[A-Za-z0-9_\-]+\z", RegexOptions.CultureInvariant)]
    public static partial Regex DiscordBotToken();

    [GeneratedRegex(@"^[0-9]{17,20}\z", RegexOptions.CultureInvariant)]
    public static partial Regex Snowflake();

    public static bool TryParsePlatform(string? value, out Platform platform)
    {
        switch (value)
        {
            case "slack":
                platform = Platform.Slack;
                return true;
            case "discord":
                platform = Platform.Discord;
                return true;
            default:
                platform = default;
                return false;
        }
    }
}

/// <summary>Slack credentials: <c>{bot_token, signing_secret}</c>. With <c>required</c> false (a rotation) either may be omitted.</summary>
public sealed class SlackCredentialsValidator : AbstractValidator<CredentialsInput>
{
    public SlackCredentialsValidator(bool required)
    {
        RuleFor(c => c.BotToken)
            .NotEmpty().When(_ => required).WithMessage("Is required.")
            .MaximumLength(CredentialRules.MaxSlackTokenLength)
            .Matches(CredentialRules.SlackBotToken()).WithMessage("Must be a Slack bot token (starts with 'xoxb-').");
        RuleFor(c => c.SigningSecret)
            .NotEmpty().When(_ => required).WithMessage("Is required.")
            .Matches(CredentialRules.SlackSigningSecret()).WithMessage("Must be a Slack signing secret (16–128 letters and digits).");
        RuleFor(c => c.GuildId).Null().WithMessage("Is not a Slack credential.");
    }
}

/// <summary>Discord credentials: <c>{bot_token, guild_id}</c>. With <c>required</c> false (a rotation) either may be omitted.</summary>
public sealed class DiscordCredentialsValidator : AbstractValidator<CredentialsInput>
{
    public DiscordCredentialsValidator(bool required)
    {
        RuleFor(c => c.BotToken)
            .NotEmpty().When(_ => required).WithMessage("Is required.")
            .Length(CredentialRules.MinDiscordTokenLength, CredentialRules.MaxDiscordTokenLength)
            .Matches(CredentialRules.DiscordBotToken()).WithMessage("Must be a Discord bot token (three dot-separated parts).");
        RuleFor(c => c.GuildId)
            .NotEmpty().When(_ => required).WithMessage("Is required.")
            .Matches(CredentialRules.Snowflake()).WithMessage("Must be a Discord guild id (a snowflake of 17–20 digits).");
        RuleFor(c => c.SigningSecret).Null().WithMessage("Is not a Discord credential.");
    }
}

/// <summary>Checks the optional settings block.</summary>
public sealed class SettingsInputValidator : AbstractValidator<SettingsInput>
{
    public SettingsInputValidator() =>
        RuleFor(s => s.SyncIntervalMinutes)
            .InclusiveBetween(ConnectionSettings.MinSyncIntervalMinutes, ConnectionSettings.MaxSyncIntervalMinutes)
            .When(s => s.SyncIntervalMinutes is not null)
            .WithMessage($"Must be between {ConnectionSettings.MinSyncIntervalMinutes} and {ConnectionSettings.MaxSyncIntervalMinutes} minutes.");
}

public static class NameRuleExtensions
{
    /// <summary>The connection-name rules of <see cref="ConnectionName"/> as a FluentValidation rule.</summary>
    public static IRuleBuilderOptionsConditions<T, string?> NameRules<T>(this IRuleBuilder<T, string?> rule) =>
        rule.Custom((name, context) =>
        {
            if (ConnectionName.FindProblem(name) is { } problem)
            {
                context.AddFailure(problem);
            }
        });
}

public static class CredentialChecks
{
    /// <summary>
    /// Checks credentials for a platform known only at run time (an update of a stored connection). Errors are keyed
    /// <c>credentials.&lt;field&gt;</c>, as the client sent them.
    /// </summary>
    public static ValidationError? Check(Platform platform, CredentialsInput input, bool required)
    {
        IValidator<CredentialsInput> validator = platform == Platform.Slack
            ? new SlackCredentialsValidator(required)
            : new DiscordCredentialsValidator(required);
        var result = validator.Validate(input);
        return result.IsValid
            ? null
            : new ValidationError(result.Errors
                .GroupBy(e => "credentials." + e.PropertyName, StringComparer.Ordinal)
                .ToDictionary(g => g.Key, g => g.Select(e => e.ErrorMessage).ToArray(), StringComparer.Ordinal));
    }
}
