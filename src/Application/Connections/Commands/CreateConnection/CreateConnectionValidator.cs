using Connections.Application.Connections.Common;
using Connections.Domain.Connections;
using FluentValidation;

namespace Connections.Application.Connections.Commands.CreateConnection;

public sealed class CreateConnectionCommandValidator : AbstractValidator<CreateConnectionCommand>
{
    public CreateConnectionCommandValidator()
    {
        RuleFor(c => c.Platform)
            .NotEmpty().WithMessage("Is required.")
            .Must(p => CredentialRules.TryParsePlatform(p, out _)).WithMessage("Must be 'slack' or 'discord'.");
        RuleFor(c => c.Name).NameRules();
        RuleFor(c => c.Credentials).NotNull().WithMessage("Is required.");
        When(c => c.Platform == "slack", () => RuleFor(c => c.Credentials!).SetValidator(new SlackCredentialsValidator(required: true)));
        When(c => c.Platform == "discord", () => RuleFor(c => c.Credentials!).SetValidator(new DiscordCredentialsValidator(required: true)));
        RuleFor(c => c.Settings!).SetValidator(new SettingsInputValidator()).When(c => c.Settings is not null);
    }
}
