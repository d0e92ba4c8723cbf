using Connections.Application.SlackWorkspaces.Common;
using Connections.Domain.SlackWorkspaces;
using FluentValidation;

namespace Connections.Application.SlackWorkspaces.Commands.ConfigureSlackWorkspace;

public sealed class ConfigureSlackWorkspaceCommandValidator : AbstractValidator<ConfigureSlackWorkspaceCommand>
{
    public ConfigureSlackWorkspaceCommandValidator()
    {
        RuleFor(c => c.TeamId).NotEmpty().WithMessage(SlackWorkspaceRules.Required).TeamIdRule();
        RuleFor(c => c.TeamName).NotEmpty().WithMessage(SlackWorkspaceRules.Required).TeamNameRule();
        RuleFor(c => c.BotToken).NotEmpty().WithMessage(SlackWorkspaceRules.Required).BotTokenRule();
        RuleFor(c => c.AppToken).NotEmpty().WithMessage(SlackWorkspaceRules.Required).AppTokenRule();
        RuleFor(c => c.SigningSecret).NotEmpty().WithMessage(SlackWorkspaceRules.Required).SigningSecretRule();
        RuleFor(c => c.AppId)
            .MaximumLength(SlackWorkspace.MaxIdLength).WithMessage($"Must be at most {SlackWorkspace.MaxIdLength} characters.")
            .Matches(SlackWorkspaceRules.AppId()).WithMessage("Must be a Slack app id: 'A' followed by upper-case letters and digits.");
        RuleFor(c => c.AppName).TeamNameRule();
        RuleFor(c => c.BotUserId)
            .MaximumLength(SlackWorkspace.MaxIdLength).WithMessage($"Must be at most {SlackWorkspace.MaxIdLength} characters.")
            .Matches(SlackWorkspaceRules.BotUserId()).WithMessage("Must be a Slack user id: 'U' or 'W' followed by upper-case letters and digits.");
    }
}
