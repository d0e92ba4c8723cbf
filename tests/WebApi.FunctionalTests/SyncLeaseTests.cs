using Connections.Application.Common.Interfaces;
using Connections.WebApi.FunctionalTests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Connections.WebApi.FunctionalTests;

/// <summary>Two service instances on one database: the lease that keeps them from syncing a connection twice.</summary>
public sealed class SyncLeaseTests : FunctionalTest
{
    private ConnectionsApp _second = null!;

    [OneTimeSetUp]
    public void StartSecondInstance()
    {
        _second = new ConnectionsApp(App.Database, Fake, Logs);
        _ = _second.Server;
    }

    [OneTimeTearDown]
    public async Task StopSecondInstanceAsync() => await _second.DisposeAsync();

    [Test]
    public async Task TryAcquire_WhenTwoInstancesRace_ShouldGrantExactlyOne()
    {
        var id = await CreateAsync(MemberA, SlackBody(UniqueName("Contended")));
        var first = App.Services.GetRequiredService<ISyncLeases>();
        var second = _second.Services.GetRequiredService<ISyncLeases>();

        var attempts = Enumerable.Range(0, 16)
            .Select(i => (i % 2 == 0 ? first : second).TryAcquireAsync(id, $"instance-{i}", TimeSpan.FromMinutes(1), CancellationToken.None));
        var granted = await Task.WhenAll(attempts);

        Assert.That(granted.Count(g => g), Is.EqualTo(1));
    }

    [Test]
    public async Task TryAcquire_WhenHeldLeaseExpired_ShouldPassToTheOtherInstance()
    {
        var id = await CreateAsync(MemberA, SlackBody(UniqueName("Crashed holder")));
        var first = App.Services.GetRequiredService<ISyncLeases>();
        var second = _second.Services.GetRequiredService<ISyncLeases>();

        var crashed = await first.TryAcquireAsync(id, "crashed", TimeSpan.FromMilliseconds(300), CancellationToken.None);
        var whileHeld = await second.TryAcquireAsync(id, "survivor", TimeSpan.FromMinutes(1), CancellationToken.None);
        await Task.Delay(TimeSpan.FromMilliseconds(600));
        var afterExpiry = await second.TryAcquireAsync(id, "survivor", TimeSpan.FromMinutes(1), CancellationToken.None);
        var renewedByLoser = await first.RenewAsync(id, "crashed", TimeSpan.FromMinutes(1), CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That(crashed, Is.True);
            Assert.That(whileHeld, Is.False);
            Assert.That(afterExpiry, Is.True);
            Assert.That(renewedByLoser, Is.False, "a lease taken over cannot be renewed by its old holder");
        });
    }

    [Test]
    public async Task Release_ShouldFreeTheLeaseOnlyForItsHolder()
    {
        var id = await CreateAsync(MemberA, SlackBody(UniqueName("Released")));
        var leases = App.Services.GetRequiredService<ISyncLeases>();
        await leases.TryAcquireAsync(id, "holder", TimeSpan.FromMinutes(1), CancellationToken.None);

        await leases.ReleaseAsync(id, "someone-else", CancellationToken.None);
        var stillHeld = !await leases.TryAcquireAsync(id, "other", TimeSpan.FromMinutes(1), CancellationToken.None);
        await leases.ReleaseAsync(id, "holder", CancellationToken.None);
        var freed = await leases.TryAcquireAsync(id, "other", TimeSpan.FromMinutes(1), CancellationToken.None);

        Assert.That(stillHeld, Is.True);
        Assert.That(freed, Is.True);
    }
}
