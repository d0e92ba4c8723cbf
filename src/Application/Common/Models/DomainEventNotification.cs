using Connections.Domain.Common;
using MediatR;

namespace Connections.Application.Common.Models;

/// <summary>Carries a domain event through MediatR, so the Domain layer need not know MediatR.</summary>
public sealed record DomainEventNotification<TEvent>(TEvent Event) : INotification
    where TEvent : IDomainEvent;
