using AbovePT.Web.Features.Appointments.Delivery;
using AbovePT.Web.Features.Inbox;
using AbovePT.Web.Features.Staff;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace AbovePT.Web.Data;

/// <summary>
/// The clinic's own data: appointment requests and the state of their e-mails; the staff accounts (ASP.NET Core
/// Identity, schema version 3 with passkeys), their invitations and the audit trail.
/// </summary>
/// <remarks>
/// The model, one subclass per provider, each with its own migrations (EF Core's "migrations with multiple
/// providers", one context type each): <see cref="Sqlite.SqliteClinicDbContext"/> in <c>Data/Migrations</c>,
/// <see cref="PostgreSql.PostgreSqlClinicDbContext"/> in <c>Data/PostgreSql/Migrations</c>. Everything else asks for
/// this type and gets the configured provider's. After changing the model, add a migration for each provider from
/// the repository root: <c>scripts/add-migration.sh &lt;Name&gt;</c>; <c>./test.sh</c> fails while either provider has
/// model changes no migration covers.
/// </remarks>
public abstract class ClinicDbContext : IdentityDbContext<StaffUser, IdentityRole, string>
{
    /// <summary><paramref name="options"/> are <c>DbContextOptions&lt;ClinicDbContext&gt;</c>: one registration serves either provider.</summary>
    protected ClinicDbContext(DbContextOptions options)
        : base(options)
    {
    }

    public DbSet<AppointmentRequest> AppointmentRequests => Set<AppointmentRequest>();

    public DbSet<StaffInvitation> StaffInvitations => Set<StaffInvitation>();

    public DbSet<StaffAuditEntry> StaffAudit => Set<StaffAuditEntry>();

    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        RefuseAuditChanges();
        CopyClinicToFollowUps();
        return base.SaveChanges(acceptAllChangesOnSuccess);
    }

    public override Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        RefuseAuditChanges();
        CopyClinicToFollowUps();
        return base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
    }

    /// <summary>
    /// A new request's follow-up takes the request's clinic, which never changes afterwards: the inbox counts a clinic's
    /// requests per status from the follow-ups' own index, without reading the requests.
    /// </summary>
    private void CopyClinicToFollowUps()
    {
        foreach (var request in ChangeTracker.Entries<AppointmentRequest>().Where(e => e.State == EntityState.Added))
        {
            if (request.Reference(r => r.FollowUp).TargetEntry is { } followUp)
            {
                followUp.Property(f => f.LocationId).CurrentValue = request.Entity.LocationId;
            }
        }
    }

    /// <summary>The audit trail only grows: a row, once written, is never changed or deleted (the database agrees).</summary>
    private void RefuseAuditChanges()
    {
        if (ChangeTracker.Entries<StaffAuditEntry>().Any(e => e.State is EntityState.Modified or EntityState.Deleted))
        {
            throw new InvalidOperationException("The staff audit trail is append-only: its rows are never changed or deleted.");
        }
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // Every instant is stored as UTC (text on SQLite, which compares it correctly; timestamptz on PostgreSQL), and
        // reads come back as UTC.
        configurationBuilder.Properties<DateTime>().HaveConversion<UtcDateTimeConverter>();
        configurationBuilder.Properties<DeliveryStatus>().HaveConversion<string>().HaveMaxLength(10);
        configurationBuilder.Properties<RequestStatus>().HaveConversion<string>().HaveMaxLength(16);
        configurationBuilder.Properties<CallOutcome>().HaveConversion<string>().HaveMaxLength(16);
    }

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);

        var staff = builder.Entity<StaffUser>();
        staff.Property(u => u.DisplayName).HasMaxLength(StaffUser.MaxNameLength);
        staff.Property(u => u.Locations).HasMaxLength(200);
        staff.Ignore(u => u.IsDisabled);
        staff.Ignore(u => u.HasAccepted);

        var invitation = builder.Entity<StaffInvitation>();
        invitation.Property(i => i.UserId).HasMaxLength(450);
        invitation.Property(i => i.TokenHash).HasMaxLength(64);
        invitation.HasIndex(i => i.TokenHash).IsUnique();
        invitation.HasOne<StaffUser>().WithMany().HasForeignKey(i => i.UserId).OnDelete(DeleteBehavior.Cascade);

        var audit = builder.Entity<StaffAuditEntry>();
        audit.ToTable("StaffAudit");
        audit.Property(a => a.Event).HasConversion<string>().HasMaxLength(32);
        audit.Property(a => a.StaffEmail).HasMaxLength(256);
        audit.Property(a => a.By).HasMaxLength(256);
        audit.Property(a => a.IpAddress).HasMaxLength(64);
        audit.Property(a => a.Detail).HasMaxLength(StaffAuditEntry.MaxDetailLength);
        audit.Property(a => a.Reference).HasMaxLength(16);
        audit.HasIndex(a => a.AtUtc);
        // A request's timeline; kept when retention deletes the request, which is why it holds only the reference.
        audit.HasIndex(a => new { a.Reference, a.Id });

        var request = builder.Entity<AppointmentRequest>();
        request.HasIndex(r => r.Reference).IsUnique();
        request.HasIndex(r => r.SubmissionId).IsUnique();
        request.HasIndex(r => r.ReceivedAtUtc);
        request.Property(r => r.Reference).HasMaxLength(16);
        request.Property(r => r.LocationId).HasMaxLength(32);
        request.Property(r => r.FirstName).HasMaxLength(AppointmentLimits.Name);
        request.Property(r => r.LastName).HasMaxLength(AppointmentLimits.Name);
        request.Property(r => r.Phone).HasMaxLength(16);
        request.Property(r => r.PhoneExtension).HasMaxLength(AppointmentLimits.PhoneExtension);
        request.Property(r => r.Email).HasMaxLength(AppointmentLimits.Email);
        request.Property(r => r.ContactMethod).HasMaxLength(16);
        request.Property(r => r.PatientType).HasMaxLength(16);
        request.Property(r => r.Reason).HasMaxLength(32);
        request.Property(r => r.Message).HasMaxLength(AppointmentLimits.Message);
        request.Property(r => r.PreferredDays).HasMaxLength(32);
        request.Property(r => r.PreferredTimes).HasMaxLength(32);
        request.Property(r => r.Referral).HasMaxLength(16);
        request.Property(r => r.Insurance).HasMaxLength(AppointmentLimits.Insurance);
        request.Property(r => r.ConsentVersion).HasMaxLength(32);
        request.Property(r => r.SourceArticle).HasMaxLength(AppointmentLimits.Slug);
        // Rows stored before the site spoke Spanish were all made in English.
        request.Property(r => r.Language).HasMaxLength(8).HasDefaultValue("en");
        request.Property(r => r.LastNameKey).HasMaxLength(AppointmentLimits.Name);
        request.Property(r => r.PhoneKey).HasMaxLength(16);
        // The inbox: a clinic's requests oldest first, and the searches by last name and by phone number. The clinic
        // leads the last-name index: SQLite, given a clinic and a range of names, otherwise reads every request of the
        // clinic by the first index (docs/quality.md, "Request inbox").
        request.HasIndex(r => new { r.LocationId, r.ReceivedAtUtc });
        request.HasIndex(r => new { r.LocationId, r.LastNameKey });
        request.HasIndex(r => r.PhoneKey);
        request.Ignore(r => r.PreferredDayCodes);
        request.Ignore(r => r.PreferredTimeCodes);

        // Each e-mail's state lives in the request's own row; the indexes serve the dispatcher's
        // "what is due" query and anyone asking what is still pending or failed.
        request.OwnsOne(r => r.FrontDeskMail, Delivery);
        request.OwnsOne(r => r.PatientMail, Delivery);
        request.Navigation(r => r.FrontDeskMail).IsRequired();
        request.Navigation(r => r.PatientMail).IsRequired();

        // The follow-up in a row of its own, deleted with its request (and its calls and notes with it).
        request.HasOne(r => r.FollowUp).WithOne().HasForeignKey<RequestFollowUp>(f => f.RequestId).OnDelete(DeleteBehavior.Cascade);
        request.Navigation(r => r.FollowUp).IsRequired();
        var followUp = builder.Entity<RequestFollowUp>();
        followUp.ToTable("RequestFollowUps");
        followUp.HasKey(f => f.RequestId);
        followUp.Property(f => f.Version).IsConcurrencyToken();
        followUp.Property(f => f.HolderEmail).HasMaxLength(256);
        followUp.Property(f => f.HolderName).HasMaxLength(StaffUser.MaxNameLength);
        followUp.Property(f => f.Reason).HasMaxLength(RequestFollowUp.MaxReasonLength);
        followUp.Property(f => f.LocationId).HasMaxLength(32);
        followUp.HasIndex(f => new { f.Status, f.ClosedAtUtc });
        // The inbox's counts per status at a clinic, from this index alone (LocationId copied from the request on save).
        followUp.HasIndex(f => new { f.LocationId, f.Status });
        followUp.HasMany(f => f.Calls).WithOne().HasForeignKey(c => c.RequestId).OnDelete(DeleteBehavior.Cascade);
        followUp.HasMany(f => f.Notes).WithOne().HasForeignKey(n => n.RequestId).OnDelete(DeleteBehavior.Cascade);
        followUp.Ignore(f => f.IsClosed);
        followUp.Ignore(f => f.ClaimedBy);
        var call = builder.Entity<RequestCall>();
        call.ToTable("RequestCalls");
        call.Property(c => c.ByEmail).HasMaxLength(256);
        call.Property(c => c.ByName).HasMaxLength(StaffUser.MaxNameLength);
        var note = builder.Entity<RequestNote>();
        note.ToTable("RequestNotes");
        note.Property(n => n.Text).HasMaxLength(RequestNote.MaxLength);
        note.Property(n => n.ByEmail).HasMaxLength(256);
        note.Property(n => n.ByName).HasMaxLength(StaffUser.MaxNameLength);

        static void Delivery(OwnedNavigationBuilder<AppointmentRequest, MailDelivery> delivery)
        {
            delivery.Property(d => d.LastError).HasMaxLength(500);
            // The outcome of an attempt is saved only by the instance whose lease it is (a concurrency token).
            delivery.Property(d => d.LeaseOwner).HasMaxLength(64).IsConcurrencyToken();
            delivery.HasIndex(d => new { d.Status, d.NextAttemptAtUtc });
        }
    }

    private sealed class UtcDateTimeConverter() : ValueConverter<DateTime, DateTime>(
        value => value.ToUniversalTime(),
        value => DateTime.SpecifyKind(value, DateTimeKind.Utc));
}
