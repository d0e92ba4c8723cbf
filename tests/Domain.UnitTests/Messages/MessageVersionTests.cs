using Connections.Domain.Messages;

namespace Connections.Domain.UnitTests.Messages;

/// <summary>The ordering rule of ADR 0017, case by case (the store's SQL is checked against the same table).</summary>
[TestFixture]
public class MessageVersionTests
{
    private static readonly DateTimeOffset T = new(2026, 1, 15, 9, 30, 0, TimeSpan.Zero);

    /// <summary>(incoming edit, incoming event, stored edit, stored event) in seconds after T, null for none; and the answer.</summary>
    private static readonly object?[][] Cases =
    [
        [null, null, null, null, false],   // a poll re-reads an unedited message
        [null, 10, null, null, false],     // an event for a message a poll stored
        [null, null, null, 10, false],     // a poll after the event stored it
        [null, 10, null, 10, false],       // Slack's retry of the same delivery
        [null, 20, null, 10, true],        // a later event of the same (unedited) version
        [null, 10, null, 20, false],       // an earlier event of it, late
        [60, null, null, null, true],      // any edit is newer than none
        [60, 5, null, 10, true],           // ... whatever the event times say
        [null, 90, 60, 70, false],         // the original, replayed after the edit
        [null, null, 60, null, false],     // a stale poll that missed the edit
        [60, null, 60, 70, false],         // a poll of the edit an event stored
        [60, 80, 60, null, false],         // an event of the edit a poll stored
        [60, 70, 60, 70, false],           // a retry of the edit
        [60, 75, 60, 70, true],            // two edits of one second, the later event
        [60, 65, 60, 70, false],           // ... the earlier one, late
        [120, null, 60, 70, true],         // a later edit read by a poll
        [60, 200, 120, 130, false],        // an older edit delivered after a newer one
        [120, 130, 60, 200, true],         // a newer edit whose event is older (clocks): the edit time decides
    ];

    [TestCaseSource(nameof(Cases))]
    public void IsNewerThan_ShouldFollowEditTimeThenEventTime(int? incomingEdit, int? incomingEvent, int? storedEdit, int? storedEvent, bool expected)
    {
        var incoming = new MessageVersion(At(incomingEdit), At(incomingEvent));
        var stored = new MessageVersion(At(storedEdit), At(storedEvent));

        incoming.IsNewerThan(stored).ShouldBe(expected);
    }

    [TestCaseSource(nameof(Cases))]
    public void IsNewerThan_ShouldNeverHoldBothWays(int? incomingEdit, int? incomingEvent, int? storedEdit, int? storedEvent, bool expected)
    {
        var a = new MessageVersion(At(incomingEdit), At(incomingEvent));
        var b = new MessageVersion(At(storedEdit), At(storedEvent));

        (a.IsNewerThan(b) && b.IsNewerThan(a)).ShouldBeFalse();
        a.IsNewerThan(a).ShouldBeFalse();
        _ = expected;
    }

    [Test]
    public void IsNewerThan_WhenTheSameInstantHasAnotherOffset_ShouldBeEqual()
    {
        var utc = new MessageVersion(T, T);
        var paris = new MessageVersion(T.ToOffset(TimeSpan.FromHours(1)), T.ToOffset(TimeSpan.FromHours(1)));

        paris.IsNewerThan(utc).ShouldBeFalse();
        utc.IsNewerThan(paris).ShouldBeFalse();
    }

    private static DateTimeOffset? At(int? seconds) => seconds is { } s ? T.AddSeconds(s) : null;
}
