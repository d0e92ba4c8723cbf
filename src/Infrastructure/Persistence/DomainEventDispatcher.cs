using Connections.Application.Common.Models;
using Connections.Domain.Common;
using MediatR;
using Microsoft.Extensions.DependencyInjection;

namespace Connections.Infrastructure.Persistence;

/// <summary>Publishes each domain event through MediatR, wrapped as a <see cref="DomainEventNotification{TEvent}"/>.</summary>
internal sealed class MediatorDomainEventDispatcher(IServiceProvider services) : IDomainEventDispatcher
{
    public async Task DispatchAsync(IReadOnlyList<IDomainEvent> events, CancellationToken cancellationToken)
    {
        // Resolved late: the mediator's handlers depend on the DbContext that owns this dispatcher.
        var mediator = services.GetRequiredService<IMediator>();
        foreach (var domainEvent in events)
        {
            var notification = (INotification)Activator.CreateInstance(
                typeof(DomainEventNotification<>).MakeGenericType(domainEvent.GetType()), domainEvent)!;
            await mediator.Publish(notification, cancellationToken);
        }
    }
}
