using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Connections.Infrastructure.Persistence.Configurations;

/// <summary>
/// The EF Core key store's entity on the table the service has always used (<c>data_protection_keys</c>: <c>id</c>,
/// <c>friendly_name</c> up to 256, <c>xml</c> not null), so existing key rings are read as they are.
/// </summary>
internal sealed class DataProtectionKeyConfiguration : IEntityTypeConfiguration<DataProtectionKey>
{
    public void Configure(EntityTypeBuilder<DataProtectionKey> builder)
    {
        builder.ToTable("data_protection_keys");
        builder.HasKey(k => k.Id);
        builder.Property(k => k.FriendlyName).HasMaxLength(256);
        builder.Property(k => k.Xml).IsRequired();
    }
}
