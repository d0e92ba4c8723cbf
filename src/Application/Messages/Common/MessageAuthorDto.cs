using System.Globalization;
using Connections.Application.Common.Interfaces;
using Connections.Application.Common.Models;
using Connections.Application.Connections.Common;
using Connections.Domain.Common;
using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;


namespace Connections.Application.Messages.Common;

public sealed record MessageAuthorDto(string? Id, string? Name);
