using Connections.Domain.ApiKeys;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Connections.Infrastructure.Persistence.Configurations;

internal sealed class ApiKeyConfiguration : IEntityTypeConfiguration<ApiKey>
{
    public void Configure(EntityTypeBuilder<ApiKey> builder)
    {
        builder.ToTable("api_keys");
        builder.HasKey(k => k.Id);
        builder.Property(k => k.Id).HasMaxLength(40);
        builder.Property(k => k.Email).HasMaxLength(254).IsRequired();
        builder.Property(k => k.Role).HasConversion<string>().HasMaxLength(16);
        builder.Property(k => k.SecretHash).HasMaxLength(128).IsRequired();
        builder.Ignore(k => k.IsActive);
        builder.Ignore(k => k.DomainEvents);
    }
}
