using System.Globalization;
using Connections.Application.Common.Interfaces;
using Connections.Application.Common.Models;
using Connections.Application.Connections.Common;
using Connections.Domain.Common;
using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;


namespace Connections.Application.Messages.Common;

/// <summary>A stored message. <see cref="Id"/> is the platform's id (Slack ts, Discord snowflake); <see cref="Ts"/> when it was sent.</summary>
public sealed record MessageDto(
    string Id,
    string ChannelId,
    MessageAuthorDto Author,
    string Text,
    DateTimeOffset Ts,
    [property: System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)] string? ThreadTs,
    [property: System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)] DateTimeOffset? EditedAt);
