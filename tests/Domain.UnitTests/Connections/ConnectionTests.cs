using Connections.Domain.Common;
using Connections.Domain.Connections;
using Connections.Domain.Connections.Events;

namespace Connections.Domain.UnitTests.Connections;

[TestFixture]
public class ConnectionTests
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 15, 10, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset T1 = T0.AddMinutes(5);
    private static readonly DateTimeOffset T2 = T0.AddMinutes(10);

    private static readonly DiscoveredChannel General = new("C001", "#general", false, 12);
    private static readonly DiscoveredChannel Random = new("C002", "#random", false, 7);
    private static readonly DiscoveredChannel Secret = new("C003", "#secret", true, 2);

    private static Connection NewConnection(params DiscoveredChannel[] channels) =>
        Connection.Create(
            Platform.Slack,
            "  Team Alpha  ",
            "alice@example.com",
            "protected-blob",
            "T0001",
            ConnectionSettings.Default,
            channels.Length == 0 ? [General, Random] : channels,
            T0);

    private static ConnectionChannel Channel(Connection connection, string id) =>
        connection.Channels.Single(c => c.ChannelId == id);

    // ---------- Create ----------

    [Test]
    public void Create_WhenValid_ShouldStartConnectedWithTrimmedNameAndCatalog()
    {
        var connection = NewConnection();

        Assert.That(connection.Status, Is.EqualTo(ConnectionStatus.Connected));
        Assert.That(connection.Platform, Is.EqualTo(Platform.Slack));
        Assert.That(connection.Name, Is.EqualTo("Team Alpha"));
        Assert.That(connection.NameKey, Is.EqualTo("TEAM ALPHA"));
        Assert.That(connection.OwnerEmail, Is.EqualTo("alice@example.com"));
        Assert.That(connection.ProtectedCredentials, Is.EqualTo("protected-blob"));
        Assert.That(connection.WorkspaceId, Is.EqualTo("T0001"));
        Assert.That(connection.Settings, Is.EqualTo(ConnectionSettings.Default));
        Assert.That(connection.ChannelCount, Is.EqualTo(2));
        Assert.That(connection.Channels.Select(c => c.ChannelId), Is.EquivalentTo(new[] { "C001", "C002" }));
        Assert.That(connection.CreatedAt, Is.EqualTo(T0));
        Assert.That(connection.UpdatedAt, Is.EqualTo(T0));
        Assert.That(connection.LastValidatedAt, Is.EqualTo(T0));
        Assert.That(connection.LastSyncAt, Is.Null);
        Assert.That(connection.LastErrorCode, Is.Null);
        Assert.That(connection.Version, Is.Not.EqualTo(Guid.Empty));
    }

    [Test]
    public void Create_WhenValid_ShouldHaveConnPrefixedTimeOrderedId()
    {
        var connection = NewConnection();

        Assert.That(connection.Id, Does.StartWith("conn_"));
        Assert.That(Connection.IdPrefix, Is.EqualTo("conn_"));
        Assert.That(Ids.IsValid(connection.Id, Connection.IdPrefix), Is.True);
    }

    [Test]
    public void Create_WhenValid_ShouldRaiseExactlyOneConnectionCreatedEvent()
    {
        var connection = NewConnection();

        var created = connection.DomainEvents.ShouldHaveSingleItem().ShouldBeOfType<ConnectionCreated>();
        created.ShouldBe(new ConnectionCreated(connection.Id, Platform.Slack, T0));
    }

    [Test]
    public void Create_WhenNotSyncingAll_ShouldStartWithNoChannelSelected()
    {
        var connection = NewConnection();

        Assert.That(connection.SyncAllChannels, Is.False);
        Assert.That(connection.Channels.Any(c => c.SyncEnabled), Is.False);
    }

    [Test]
    public void Create_WhenChannelsGiven_ShouldCopyTheirDetailsAndOwnership()
    {
        var connection = NewConnection(Secret);

        var channel = connection.Channels.ShouldHaveSingleItem();
        Assert.That(channel.ConnectionId, Is.EqualTo(connection.Id));
        Assert.That(channel.ChannelId, Is.EqualTo("C003"));
        Assert.That(channel.Name, Is.EqualTo("#secret"));
        Assert.That(channel.IsPrivate, Is.True);
        Assert.That(channel.MemberCount, Is.EqualTo(2));
        Assert.That(channel.DiscoveredAt, Is.EqualTo(T0));
        Assert.That(channel.RefreshedAt, Is.EqualTo(T0));
    }

    [Test]
    public void Create_WhenDiscoveryReportsAChannelTwice_ShouldKeepOneCopy()
    {
        var connection = NewConnection(General, General with { Name = "#general-dupe" }, Random);

        Assert.That(connection.ChannelCount, Is.EqualTo(2));
        Assert.That(Channel(connection, "C001").Name, Is.EqualTo("#general"));
    }

    [Test]
    public void Create_WhenDiscoveryIsEmpty_ShouldHaveZeroChannels()
    {
        var connection = Connection.Create(Platform.Discord, "n", "a@b.c", "p", "123456789012345678", ConnectionSettings.Default, [], T0);

        connection.ChannelCount.ShouldBe(0);
        connection.Channels.ShouldBeEmpty();
        connection.Platform.ShouldBe(Platform.Discord);
    }

    [TestCase("")]
    [TestCase("   ")]
    [TestCase("bad\u202Ename")]
    public void Create_WhenNameInvalid_ShouldThrowArgumentExceptionForName(string name)
    {
        var exception = Should.Throw<ArgumentException>(() =>
            Connection.Create(Platform.Slack, name, "a@b.c", "p", "T1", ConnectionSettings.Default, [], T0));

        exception.ParamName.ShouldBe("name");
    }

    [Test]
    public void Create_WhenNameTooLong_ShouldThrowArgumentException()
    {
        Should.Throw<ArgumentException>(() =>
            Connection.Create(Platform.Slack, new string('x', 101), "a@b.c", "p", "T1", ConnectionSettings.Default, [], T0));
    }

    [TestCase(null, "p", "T1", "ownerEmail")]
    [TestCase(" ", "p", "T1", "ownerEmail")]
    [TestCase("a@b.c", "", "T1", "protectedCredentials")]
    [TestCase("a@b.c", "p", "", "workspaceId")]
    public void Create_WhenRequiredArgumentMissing_ShouldThrowNamingIt(string? owner, string protectedCredentials, string workspaceId, string expectedParam)
    {
        var exception = Should.Throw<ArgumentException>(() =>
            Connection.Create(Platform.Slack, "n", owner!, protectedCredentials, workspaceId, ConnectionSettings.Default, [], T0));

        exception.ParamName.ShouldBe(expectedParam);
    }

    [Test]
    public void Create_WhenSettingsNull_ShouldThrowArgumentNullException()
    {
        Should.Throw<ArgumentNullException>(() =>
            Connection.Create(Platform.Slack, "n", "a@b.c", "p", "T1", null!, [], T0)).ParamName.ShouldBe("settings");
    }

    [Test]
    public void Create_WhenChannelsNull_ShouldThrowArgumentNullException()
    {
        Should.Throw<ArgumentNullException>(() =>
            Connection.Create(Platform.Slack, "n", "a@b.c", "p", "T1", ConnectionSettings.Default, null!, T0)).ParamName.ShouldBe("channels");
    }

    [TestCase(0)]
    [TestCase(3)]
    public void Create_WhenPlatformUndefined_ShouldThrowArgumentOutOfRange(int platform)
    {
        Should.Throw<ArgumentOutOfRangeException>(() =>
            Connection.Create((Platform)platform, "n", "a@b.c", "p", "T1", ConnectionSettings.Default, [], T0)).ParamName.ShouldBe("platform");
    }

    // ---------- Rename ----------

    [Test]
    public void Rename_WhenValid_ShouldTrimAndUpdateNameKeyAndTimestamp()
    {
        var connection = NewConnection();
        var before = connection.Version;

        var result = connection.Rename("  Team Beta ", T1);

        Assert.That(result.IsSuccess, Is.True);
        Assert.That(connection.Name, Is.EqualTo("Team Beta"));
        Assert.That(connection.NameKey, Is.EqualTo("TEAM BETA"));
        Assert.That(connection.UpdatedAt, Is.EqualTo(T1));
        Assert.That(connection.Version, Is.Not.EqualTo(before));
    }

    [TestCase("")]
    [TestCase("evil\u2066name")]
    [TestCase("tab\tinside")]
    public void Rename_WhenInvalid_ShouldReturnNameValidationErrorAndChangeNothing(string name)
    {
        var connection = NewConnection();
        var before = connection.Version;

        var result = connection.Rename(name, T1);

        result.Error.ShouldBeOfType<ValidationError>().Errors.Keys.ShouldBe(["name"]);
        connection.Name.ShouldBe("Team Alpha");
        connection.NameKey.ShouldBe("TEAM ALPHA");
        connection.UpdatedAt.ShouldBe(T0);
        connection.Version.ShouldBe(before);
    }

    [Test]
    public void Rename_WhenTooLong_ShouldReturnLengthError()
    {
        var connection = NewConnection();

        var result = connection.Rename(new string('n', 101), T1);

        result.Error.ShouldBeOfType<ValidationError>().Errors["name"].ShouldBe(["Must be at most 100 characters."]);
    }

    // ---------- ChangeSettings ----------

    [Test]
    public void ChangeSettings_WhenGiven_ShouldReplaceSettings()
    {
        var connection = NewConnection();
        var settings = ConnectionSettings.Create(15, false, false).Value;

        connection.ChangeSettings(settings, T1);

        connection.Settings.ShouldBe(settings);
        connection.UpdatedAt.ShouldBe(T1);
    }

    [Test]
    public void ChangeSettings_WhenNull_ShouldThrowAndKeepSettings()
    {
        var connection = NewConnection();

        Should.Throw<ArgumentNullException>(() => connection.ChangeSettings(null!, T1));
        connection.Settings.ShouldBe(ConnectionSettings.Default);
    }

    // ---------- MarkFailed ----------

    [TestCase(ConnectionErrorCode.InvalidCredentials)]
    [TestCase(ConnectionErrorCode.AuthExpired)]
    [TestCase(ConnectionErrorCode.InsufficientPermissions)]
    public void MarkFailed_WhenCredentialFailure_ShouldPutConnectionInErrorAndReturnTrue(ConnectionErrorCode code)
    {
        var connection = NewConnection();
        connection.ClearDomainEvents();
        var before = connection.Version;

        var changed = connection.MarkFailed(code, "The token was revoked.", T1);

        Assert.That(changed, Is.True);
        Assert.That(connection.Status, Is.EqualTo(ConnectionStatus.Error));
        Assert.That(connection.LastErrorCode, Is.EqualTo(code));
        Assert.That(connection.LastErrorMessage, Is.EqualTo("The token was revoked."));
        Assert.That(connection.LastErrorAt, Is.EqualTo(T1));
        Assert.That(connection.UpdatedAt, Is.EqualTo(T1));
        Assert.That(connection.Version, Is.Not.EqualTo(before));
        Assert.That(connection.LastValidatedAt, Is.EqualTo(T0));
        connection.DomainEvents.ShouldHaveSingleItem().ShouldBe(new ConnectionFailed(connection.Id, code, T1));
    }

    [TestCase(ConnectionErrorCode.RateLimited)]
    [TestCase(ConnectionErrorCode.NetworkError)]
    [TestCase(ConnectionErrorCode.PlatformError)]
    public void MarkFailed_WhenTransientFailure_ShouldChangeNothingAndReturnFalse(ConnectionErrorCode code)
    {
        var connection = NewConnection();
        connection.ClearDomainEvents();
        var before = connection.Version;

        var changed = connection.MarkFailed(code, "Slack is down.", T1);

        Assert.That(changed, Is.False);
        Assert.That(connection.Status, Is.EqualTo(ConnectionStatus.Connected));
        Assert.That(connection.LastErrorCode, Is.Null);
        Assert.That(connection.LastErrorMessage, Is.Null);
        Assert.That(connection.LastErrorAt, Is.Null);
        Assert.That(connection.UpdatedAt, Is.EqualTo(T0));
        Assert.That(connection.Version, Is.EqualTo(before));
        Assert.That(connection.DomainEvents, Is.Empty);
    }

    [Test]
    public void MarkFailed_WhenTransientAfterCredentialFailure_ShouldKeepTheCredentialDiagnosis()
    {
        var connection = NewConnection();
        connection.MarkFailed(ConnectionErrorCode.AuthExpired, "expired", T1);

        var changed = connection.MarkFailed(ConnectionErrorCode.NetworkError, "timeout", T2);

        changed.ShouldBeFalse();
        connection.Status.ShouldBe(ConnectionStatus.Error);
        connection.LastErrorCode.ShouldBe(ConnectionErrorCode.AuthExpired);
        connection.LastErrorMessage.ShouldBe("expired");
        connection.LastErrorAt.ShouldBe(T1);
    }

    // ---------- MarkValidated ----------

    [Test]
    public void MarkValidated_WhenInError_ShouldClearErrorReconnectAndRaiseValidated()
    {
        var connection = NewConnection();
        connection.MarkFailed(ConnectionErrorCode.InvalidCredentials, "bad token", T1);
        connection.ClearDomainEvents();

        connection.MarkValidated([General, Random], T2);

        Assert.That(connection.Status, Is.EqualTo(ConnectionStatus.Connected));
        Assert.That(connection.LastErrorCode, Is.Null);
        Assert.That(connection.LastErrorMessage, Is.Null);
        Assert.That(connection.LastErrorAt, Is.Null);
        Assert.That(connection.LastValidatedAt, Is.EqualTo(T2));
        Assert.That(connection.UpdatedAt, Is.EqualTo(T2));
        connection.DomainEvents.ShouldHaveSingleItem().ShouldBe(new ConnectionValidated(connection.Id, T2));
    }

    [Test]
    public void MarkValidated_WhenCatalogChanged_ShouldKeepSelectionDropVanishedAndAddNewUnselected()
    {
        var connection = NewConnection(General, Random);
        connection.SelectChannels(["C001", "C002"], syncAll: false, T1).IsSuccess.ShouldBeTrue();
        var renamedGeneral = General with { Name = "#general-renamed", MemberCount = 40 };

        connection.MarkValidated([renamedGeneral, Secret], T2);

        Assert.That(connection.ChannelCount, Is.EqualTo(2));
        Assert.That(connection.Channels.Select(c => c.ChannelId), Is.EquivalentTo(new[] { "C001", "C003" }));
        var general = Channel(connection, "C001");
        Assert.That(general.SyncEnabled, Is.True, "a channel still present keeps its selection");
        Assert.That(general.Name, Is.EqualTo("#general-renamed"));
        Assert.That(general.MemberCount, Is.EqualTo(40));
        Assert.That(general.DiscoveredAt, Is.EqualTo(T0));
        Assert.That(general.RefreshedAt, Is.EqualTo(T2));
        var secret = Channel(connection, "C003");
        Assert.That(secret.SyncEnabled, Is.False, "a new channel is not selected unless syncing all");
        Assert.That(secret.DiscoveredAt, Is.EqualTo(T2));
    }

    [Test]
    public void MarkValidated_WhenSyncingAll_ShouldSelectNewChannels()
    {
        var connection = NewConnection(General);
        connection.SelectChannels([], syncAll: true, T1).IsSuccess.ShouldBeTrue();

        connection.MarkValidated([General, Secret], T2);

        connection.Channels.ShouldAllBe(c => c.SyncEnabled);
        Channel(connection, "C003").SyncEnabled.ShouldBeTrue();
    }

    [Test]
    public void MarkValidated_WhenUnselectedChannelStillPresent_ShouldStayUnselected()
    {
        var connection = NewConnection(General, Random);
        connection.SelectChannels(["C001"], syncAll: false, T1);

        connection.MarkValidated([General, Random], T2);

        Channel(connection, "C001").SyncEnabled.ShouldBeTrue();
        Channel(connection, "C002").SyncEnabled.ShouldBeFalse();
    }

    [Test]
    public void MarkValidated_WhenChannelsNull_ShouldThrow()
    {
        var connection = NewConnection();

        Should.Throw<ArgumentNullException>(() => connection.MarkValidated(null!, T1));
    }

    // ---------- RefreshChannels ----------

    [Test]
    public void RefreshChannels_WhenInError_ShouldRefreshCatalogButKeepStatus()
    {
        var connection = NewConnection(General);
        connection.MarkFailed(ConnectionErrorCode.InsufficientPermissions, "missing scope", T1);
        connection.ClearDomainEvents();

        connection.RefreshChannels([General, Random, Secret], T2);

        connection.ChannelCount.ShouldBe(3);
        connection.Status.ShouldBe(ConnectionStatus.Error);
        connection.LastErrorCode.ShouldBe(ConnectionErrorCode.InsufficientPermissions);
        connection.DomainEvents.ShouldBeEmpty();
    }

    // ---------- SelectChannels ----------

    [Test]
    public void SelectChannels_WhenExplicitIds_ShouldSelectExactlyThose()
    {
        var connection = NewConnection(General, Random, Secret);

        var result = connection.SelectChannels(["C001", "C003"], syncAll: false, T1);

        Assert.That(result.IsSuccess, Is.True);
        Assert.That(connection.SyncAllChannels, Is.False);
        Assert.That(connection.Channels.Where(c => c.SyncEnabled).Select(c => c.ChannelId), Is.EquivalentTo(new[] { "C001", "C003" }));
        Assert.That(connection.UpdatedAt, Is.EqualTo(T1));
    }

    [Test]
    public void SelectChannels_WhenSyncAll_ShouldSelectEveryChannelAndRememberIt()
    {
        var connection = NewConnection(General, Random, Secret);

        var result = connection.SelectChannels([], syncAll: true, T1);

        result.IsSuccess.ShouldBeTrue();
        connection.SyncAllChannels.ShouldBeTrue();
        connection.Channels.ShouldAllBe(c => c.SyncEnabled);
    }

    [Test]
    public void SelectChannels_WhenSwitchingFromSyncAllToExplicit_ShouldDeselectTheRest()
    {
        var connection = NewConnection(General, Random, Secret);
        connection.SelectChannels([], syncAll: true, T1);

        connection.SelectChannels(["C002"], syncAll: false, T2).IsSuccess.ShouldBeTrue();

        connection.SyncAllChannels.ShouldBeFalse();
        connection.Channels.Where(c => c.SyncEnabled).Select(c => c.ChannelId).ShouldBe(["C002"]);
    }

    [Test]
    public void SelectChannels_WhenEmptyAndNotSyncAll_ShouldDeselectEverything()
    {
        var connection = NewConnection(General, Random);
        connection.SelectChannels(["C001", "C002"], syncAll: false, T1);

        connection.SelectChannels([], syncAll: false, T2).IsSuccess.ShouldBeTrue();

        connection.Channels.ShouldAllBe(c => !c.SyncEnabled);
    }

    [Test]
    public void SelectChannels_WhenIdsUnknown_ShouldFailKeyedByChannelIdsNamingOnlyTheUnknownOnes()
    {
        var connection = NewConnection(General, Random);
        connection.SelectChannels(["C002"], syncAll: false, T1);
        var before = connection.Version;

        var result = connection.SelectChannels(["C001", "C999", "CXYZ", "C999"], syncAll: false, T2);

        var error = result.Error.ShouldBeOfType<ValidationError>();
        error.Code.ShouldBe("VALIDATION_FAILED");
        error.Errors.Keys.ShouldBe(["channel_ids"]);
        var message = error.Errors["channel_ids"].ShouldHaveSingleItem();
        message.ShouldStartWith("Unknown channel ids: C999, CXYZ.");
        message.ShouldNotContain("C001");
        // Nothing changed: the previous selection stands.
        connection.Version.ShouldBe(before);
        connection.UpdatedAt.ShouldBe(T1);
        connection.Channels.Where(c => c.SyncEnabled).Select(c => c.ChannelId).ShouldBe(["C002"]);
    }

    [Test]
    public void SelectChannels_WhenIdDiffersOnlyInCase_ShouldBeUnknown()
    {
        var connection = NewConnection(General);

        var result = connection.SelectChannels(["c001"], syncAll: false, T1);

        result.Error.ShouldBeOfType<ValidationError>().Errors["channel_ids"].ShouldHaveSingleItem().ShouldContain("c001");
    }

    [Test]
    public void SelectChannels_WhenSyncAllWithIds_ShouldFailKeyedByChannelIdsAndChangeNothing()
    {
        var connection = NewConnection(General, Random);
        var before = connection.Version;

        var result = connection.SelectChannels(["C001"], syncAll: true, T1);

        var error = result.Error.ShouldBeOfType<ValidationError>();
        error.Errors["channel_ids"].ShouldBe(["Must be empty when sync_all is true: sync_all selects every channel."]);
        connection.SyncAllChannels.ShouldBeFalse();
        connection.Channels.ShouldAllBe(c => !c.SyncEnabled);
        connection.Version.ShouldBe(before);
    }

    [Test]
    public void SelectChannels_WhenIdsNull_ShouldThrow()
    {
        var connection = NewConnection();

        Should.Throw<ArgumentNullException>(() => connection.SelectChannels(null!, false, T1)).ParamName.ShouldBe("channelIds");
    }

    // ---------- RotateCredentials ----------

    [Test]
    public void RotateCredentials_WhenAccepted_ShouldReplaceCredentialsWorkspaceAndCatalogAndReconnect()
    {
        var connection = NewConnection(General, Random);
        connection.SelectChannels(["C001"], syncAll: false, T0);
        connection.MarkFailed(ConnectionErrorCode.AuthExpired, "expired", T1);
        connection.ClearDomainEvents();

        connection.RotateCredentials("new-protected-blob", "T0001", [General, Secret], T2).IsSuccess.ShouldBeTrue();

        Assert.That(connection.ProtectedCredentials, Is.EqualTo("new-protected-blob"));
        Assert.That(connection.WorkspaceId, Is.EqualTo("T0001"));
        Assert.That(connection.Status, Is.EqualTo(ConnectionStatus.Connected));
        Assert.That(connection.LastErrorCode, Is.Null);
        Assert.That(connection.LastValidatedAt, Is.EqualTo(T2));
        Assert.That(connection.Channels.Select(c => c.ChannelId), Is.EquivalentTo(new[] { "C001", "C003" }));
        Assert.That(Channel(connection, "C001").SyncEnabled, Is.True);
        Assert.That(Channel(connection, "C003").SyncEnabled, Is.False);
        connection.DomainEvents.ShouldHaveSingleItem().ShouldBeOfType<ConnectionValidated>();
    }

    [Test]
    public void RotateCredentials_WhenTheNewCredentialsActInAnotherWorkspace_ShouldFailAndChangeNothing()
    {
        var connection = NewConnection(General, Random);
        connection.SelectChannels(["C001"], syncAll: false, T0);
        connection.ClearDomainEvents();
        var version = connection.Version;

        var result = connection.RotateCredentials("other-workspace-blob", "T0002", [Secret], T2);

        result.IsFailure.ShouldBeTrue();
        result.Error.Code.ShouldBe("WORKSPACE_MISMATCH");
        result.Error.Type.ShouldBe(ErrorType.Conflict);
        connection.ProtectedCredentials.ShouldBe("protected-blob");
        connection.WorkspaceId.ShouldBe("T0001");
        connection.Channels.Select(c => c.ChannelId).ShouldBe(["C001", "C002"], ignoreOrder: true);
        connection.Version.ShouldBe(version);
        connection.DomainEvents.ShouldBeEmpty();
    }

    [TestCase("", "T2")]
    [TestCase("  ", "T2")]
    [TestCase("blob", "")]
    public void RotateCredentials_WhenArgumentBlank_ShouldThrowAndKeepOldCredentials(string protectedCredentials, string workspaceId)
    {
        var connection = NewConnection();

        Should.Throw<ArgumentException>(() => connection.RotateCredentials(protectedCredentials, workspaceId, [], T1));
        connection.ProtectedCredentials.ShouldBe("protected-blob");
        connection.WorkspaceId.ShouldBe("T0001");
        connection.ChannelCount.ShouldBe(2);
    }

    // ---------- Version and events ----------

    private static IEnumerable<TestCaseData> Mutations()
    {
        yield return new TestCaseData((Action<Connection>)(c => c.Rename("Other", T1))).SetArgDisplayNames("Rename");
        yield return new TestCaseData((Action<Connection>)(c => c.ChangeSettings(ConnectionSettings.Create(10, true, false).Value, T1)))
            .SetArgDisplayNames("ChangeSettings");
        yield return new TestCaseData((Action<Connection>)(c => c.MarkValidated([General], T1))).SetArgDisplayNames("MarkValidated");
        yield return new TestCaseData((Action<Connection>)(c => c.MarkFailed(ConnectionErrorCode.InvalidCredentials, "x", T1)))
            .SetArgDisplayNames("MarkFailed");
        yield return new TestCaseData((Action<Connection>)(c => c.RefreshChannels([Random], T1))).SetArgDisplayNames("RefreshChannels");
        yield return new TestCaseData((Action<Connection>)(c => c.SelectChannels(["C001"], false, T1))).SetArgDisplayNames("SelectChannels");
        yield return new TestCaseData((Action<Connection>)(c => c.RotateCredentials("p2", "T0001", [General], T1)))
            .SetArgDisplayNames("RotateCredentials");
    }

    [TestCaseSource(nameof(Mutations))]
    public void Mutation_WhenApplied_ShouldChangeVersionAndUpdatedAt(Action<Connection> mutate)
    {
        var connection = NewConnection();
        var before = connection.Version;

        mutate(connection);

        Assert.That(connection.Version, Is.Not.EqualTo(before));
        Assert.That(connection.Version, Is.Not.EqualTo(Guid.Empty));
        Assert.That(connection.UpdatedAt, Is.EqualTo(T1));
    }

    [Test]
    public void Mutation_WhenRepeated_ShouldProduceADifferentVersionEachTime()
    {
        var connection = NewConnection();
        var versions = new List<Guid> { connection.Version };

        connection.Rename("One", T1);
        versions.Add(connection.Version);
        connection.Rename("Two", T1);
        versions.Add(connection.Version);
        connection.RefreshChannels([General], T1);
        versions.Add(connection.Version);

        versions.ShouldBeUnique();
    }

    [Test]
    public void MarkDeleted_WhenCalled_ShouldRaiseConnectionDeleted()
    {
        var connection = NewConnection();
        connection.ClearDomainEvents();

        connection.MarkDeleted(T1);

        connection.DomainEvents.ShouldHaveSingleItem().ShouldBe(new ConnectionDeleted(connection.Id, T1));
    }

    [Test]
    public void ClearDomainEvents_WhenEventsRaised_ShouldEmptyTheList()
    {
        var connection = NewConnection();
        connection.MarkFailed(ConnectionErrorCode.AuthExpired, "x", T1);
        connection.DomainEvents.Count.ShouldBe(2);

        connection.ClearDomainEvents();

        connection.DomainEvents.ShouldBeEmpty();
    }
}
