using System.Globalization;
using System.Text.Json.Nodes;
using Connections.FakePlatforms;

namespace Connections.WebApi.FunctionalTests.Infrastructure;

/// <summary>
/// Random JSON values for fuzzing the Slack Events endpoint: any JSON at all, biased towards the property names and
/// values Slack sends (<c>type</c>, <c>event</c>, <c>message_changed</c>, real channel ids), so that deep code paths
/// are reached with wrong types in them.
/// </summary>
public static class SlackShapedJson
{
    private static readonly string[] Keys =
        ["type", "event", "challenge", "team_id", "subtype", "message", "ts", "channel", "edited", "user", "text",
         "thread_ts", "bot_id", "username", "event_id", "previous_message", "x"];

    private static readonly string[] Strings =
        ["url_verification", "event_callback", "message", "message_changed", "message_deleted", "bot_message",
         FakeTokens.Slack.TeamId, FakeTokens.Slack.GeneralChannelId, "1700000000.000100", "not a ts", "", "\u0000",
         "99999999999999999999.1", "-1.5", "\u202Eevil"];

    public static JsonNode? Value(Random random, int depth)
    {
        ArgumentNullException.ThrowIfNull(random);
        var choice = depth >= 4 ? random.Next(5) : random.Next(8);
        return choice switch
        {
            0 => null,
            1 => JsonValue.Create(random.Next(2) == 0),
            2 => JsonValue.Create(random.Next(-3, 3) * Math.Pow(10, random.Next(0, 25))),
            3 => JsonValue.Create(Strings[random.Next(Strings.Length)]),
            4 => JsonValue.Create(random.Next().ToString(CultureInfo.InvariantCulture)),
            5 => Array(random, depth),
            _ => Object(random, depth),
        };
    }

    private static JsonArray Array(Random random, int depth)
    {
        var array = new JsonArray();
        for (var i = random.Next(4); i > 0; i--)
        {
            array.Add(Value(random, depth + 1));
        }

        return array;
    }

    private static JsonObject Object(Random random, int depth)
    {
        var obj = new JsonObject();
        for (var i = random.Next(7); i > 0; i--)
        {
            obj[Keys[random.Next(Keys.Length)]] = Value(random, depth + 1);
        }

        return obj;
    }
}
