using Connections.Application.ApiKeys.Common;
using Connections.Application.Common.Interfaces;
using Connections.Domain.ApiKeys;
using Connections.Domain.Common;
using FluentValidation;
using MediatR;

namespace Connections.Application.ApiKeys.Commands.CreateApiKey;

public sealed record CreateApiKeyCommand(string Email, CallerRole Role) : IRequest<Result<CreatedApiKeyDto>>;

public sealed class CreateApiKeyCommandValidator : AbstractValidator<CreateApiKeyCommand>
{
    public CreateApiKeyCommandValidator()
    {
        RuleFor(c => c.Email).NotEmpty().MaximumLength(254).EmailAddress();
        RuleFor(c => c.Role).IsInEnum();
    }
}

public sealed class CreateApiKeyCommandHandler(IApplicationDbContext db, IApiKeySecrets secrets, TimeProvider clock)
    : IRequestHandler<CreateApiKeyCommand, Result<CreatedApiKeyDto>>
{
    public async Task<Result<CreatedApiKeyDto>> Handle(CreateApiKeyCommand request, CancellationToken cancellationToken)
    {
        var secret = secrets.NewSecret();
        var key = ApiKey.Create(request.Email, request.Role, secrets.Hash(secret), clock.GetUtcNow());
        db.ApiKeys.Add(key);
        await db.SaveChangesAsync(cancellationToken);
        return new CreatedApiKeyDto(key.ToDto(), ApiKeyFormat.Compose(key.Id, secret));
    }
}
