using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Connections.Application.Common.Interfaces;
using Connections.Application.Common.Telemetry;
using Connections.Application.Connections.Common;
using Connections.Domain.Common;
using Connections.Domain.Connections;
using MediatR;
using Microsoft.EntityFrameworkCore;


namespace Connections.Application.Webhooks.Common;

/// <summary>What to answer Slack: the challenge for <c>url_verification</c>, otherwise just 200.</summary>
public sealed record SlackEventAck(string? Challenge, int MessagesStored);
