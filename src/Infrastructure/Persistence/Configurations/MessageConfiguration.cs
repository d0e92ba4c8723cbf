using Connections.Domain.Messages;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Connections.Infrastructure.Persistence.Configurations;

internal sealed class MessageConfiguration : IEntityTypeConfiguration<Message>
{
    public void Configure(EntityTypeBuilder<Message> builder)
    {
        builder.ToTable("messages");
        builder.HasKey(m => m.Key);
        builder.Property(m => m.Key).ValueGeneratedOnAdd();
        builder.Property(m => m.ConnectionId).HasMaxLength(40).IsRequired();
        builder.Property(m => m.ChannelId).HasMaxLength(64).IsRequired();
        builder.Property(m => m.PlatformId).HasMaxLength(64).IsRequired();
        builder.Property(m => m.AuthorId).HasMaxLength(64);
        builder.Property(m => m.AuthorName).HasMaxLength(256);
        builder.Property(m => m.ThreadId).HasMaxLength(64);
        builder.Property(m => m.Text).IsRequired();
        builder.Property(m => m.SearchText).IsRequired();
        builder.HasOne<Domain.Connections.Connection>().WithMany().HasForeignKey(m => m.ConnectionId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(m => new { m.ConnectionId, m.ChannelId, m.PlatformId }).IsUnique();
        builder.HasIndex(m => new { m.ConnectionId, m.SentAt, m.Key });
        builder.HasIndex(m => new { m.ConnectionId, m.ChannelId, m.SentAt, m.Key });
    }
}
