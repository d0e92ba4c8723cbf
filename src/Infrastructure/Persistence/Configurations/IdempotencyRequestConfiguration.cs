using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Connections.Infrastructure.Persistence.Configurations;

internal sealed class IdempotencyRequestConfiguration : IEntityTypeConfiguration<IdempotencyRequest>
{
    public void Configure(EntityTypeBuilder<IdempotencyRequest> builder)
    {
        builder.ToTable("idempotency_requests");

        // The key: claiming is one INSERT, and a unique violation means someone else holds the claim.
        builder.HasKey(r => new { r.CallerId, r.Key });
        builder.Property(r => r.CallerId).HasMaxLength(40);
        builder.Property(r => r.Key).HasMaxLength(IdempotencyRequest.MaxKeyLength);
        builder.Property(r => r.RequestHash).HasMaxLength(64).IsRequired();
        builder.Property(r => r.State).HasMaxLength(20).IsRequired();
        builder.HasIndex(r => r.ExpiresAtMs);
    }
}
