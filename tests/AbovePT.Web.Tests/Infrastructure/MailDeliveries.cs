using AbovePT.Web.Features.Appointments.Delivery;

namespace AbovePT.Web.Tests.Infrastructure;

/// <summary>E-mail states for seeded rows, reached the only way the site can reach them: through the transitions.</summary>
public static class MailDeliveries
{
    public static MailDelivery InState(DeliveryStatus status, DateTime atUtc)
    {
        if (status == DeliveryStatus.None)
        {
            return MailDelivery.NotNeeded();
        }

        var delivery = MailDelivery.PendingFrom(atUtc);
        if (status == DeliveryStatus.Pending)
        {
            return delivery;
        }

        delivery.BeginAttempt(atUtc, "seed", atUtc.AddMinutes(2));
        switch (status)
        {
            case DeliveryStatus.Sent:
                delivery.MarkSent(atUtc);
                break;
            case DeliveryStatus.Failed:
                delivery.MarkFailed("SMTP 550 MailboxUnavailable: seeded");
                break;
        }

        return delivery;
    }

    /// <summary>Mid-attempt, held by <paramref name="owner"/>'s lease until <paramref name="leaseUntilUtc"/> (past: a crashed instance's).</summary>
    public static MailDelivery Held(string owner, DateTime attemptAtUtc, DateTime leaseUntilUtc)
    {
        var delivery = MailDelivery.PendingFrom(attemptAtUtc);
        delivery.BeginAttempt(attemptAtUtc, owner, leaseUntilUtc);
        return delivery;
    }
}
