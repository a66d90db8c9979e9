using AbovePT.Web.Features.Inbox;

namespace AbovePT.Web.Tests.Inbox;

/// <summary>Every move of the follow-up, from each state it names and from the states it refuses.</summary>
public sealed class RequestFollowUpTests
{
    private static readonly StaffName Ana = new("ana@x", "Ana");
    private static readonly StaffName Ben = new("ben@x", "Ben");

    // 9:42 AM in Arizona, which is UTC-7 all year.
    private static readonly DateTime T0 = new(2026, 12, 2, 16, 42, 0, DateTimeKind.Utc);

    public static TheoryData<RequestStatus> Endings =>
        [RequestStatus.Declined, RequestStatus.Referred, RequestStatus.Unreachable, RequestStatus.Duplicate, RequestStatus.Spam];

    [Fact]
    public void New_IsNewAndOpen_HeldByNobody()
    {
        var followUp = RequestFollowUp.New();

        Assert.Equal(RequestStatus.New, followUp.Status);
        Assert.False(followUp.IsClosed);
        Assert.Null(followUp.HolderName);
        Assert.Null(followUp.ClosedAtUtc);
        Assert.Equal(0, followUp.Version);
    }

    [Fact]
    public void Claim_New_IsInProgressHeldByTheClaimer()
    {
        var followUp = RequestFollowUp.New();

        Assert.Null(followUp.Claim(Ana, T0));

        Assert.Equal(RequestStatus.InProgress, followUp.Status);
        Assert.Equal("ana@x", followUp.HolderEmail);
        Assert.Equal("Ana", followUp.HolderName);
        Assert.Equal(T0, followUp.ClaimedAtUtc);
        Assert.False(followUp.IsClosed);
        Assert.Equal(1, followUp.Version);
    }

    [Fact]
    public void Claim_Twice_SaysWhoClaimedItAndWhenInArizonaTime()
    {
        var followUp = Claimed();

        var error = followUp.Claim(Ben, T0.AddMinutes(1));

        Assert.Equal("Claimed by Ana at 9:42 AM.", error);
        Assert.Equal("Ana", followUp.HolderName);
        Assert.Equal(T0, followUp.ClaimedAtUtc);
        Assert.Equal(1, followUp.Version);
    }

    [Fact]
    public void Claim_Closed_IsRefusedSayingHowItEnded()
    {
        var followUp = Claimed();
        Assert.Null(followUp.Close(RequestStatus.Spam, null, T0.AddMinutes(5)));

        var error = followUp.Claim(Ben, T0.AddMinutes(6));

        Assert.Equal("This request is spam already.", error);
        Assert.Equal(RequestStatus.Spam, followUp.Status);
        Assert.Equal("Ana", followUp.HolderName);
    }

    [Fact]
    public void Schedule_InProgress_IsScheduledAndClosed()
    {
        var followUp = Claimed();
        var visit = T0.AddDays(3);

        Assert.Null(followUp.Schedule(visit, T0.AddMinutes(10)));

        Assert.Equal(RequestStatus.Scheduled, followUp.Status);
        Assert.Equal(visit, followUp.AppointmentAtUtc);
        Assert.Equal(T0.AddMinutes(10), followUp.ClosedAtUtc);
        Assert.True(followUp.IsClosed);
        Assert.Equal(2, followUp.Version);
    }

    [Fact]
    public void Schedule_BeforeClaim_IsRefused()
    {
        var followUp = RequestFollowUp.New();

        var error = followUp.Schedule(T0.AddDays(3), T0);

        Assert.Equal("Claim this request first: then it is yours to call and to close.", error);
        Assert.Equal(RequestStatus.New, followUp.Status);
        Assert.Null(followUp.AppointmentAtUtc);
        Assert.Equal(0, followUp.Version);
    }

    [Fact]
    public void Schedule_InThePast_IsRefused()
    {
        var followUp = Claimed();

        var error = followUp.Schedule(T0.AddHours(-1), T0);

        Assert.Equal("That date and time has passed. Enter the visit's date and time (Arizona time).", error);
        Assert.Equal(RequestStatus.InProgress, followUp.Status);
        Assert.Null(followUp.AppointmentAtUtc);
        Assert.Null(followUp.ClosedAtUtc);
    }

    [Fact]
    public void Schedule_AlreadyClosed_IsRefusedUntilReopened()
    {
        var followUp = Claimed();
        Assert.Null(followUp.Schedule(T0.AddDays(3), T0));

        var error = followUp.Schedule(T0.AddDays(4), T0.AddMinutes(1));

        Assert.Equal("This request is scheduled. Reopen it first.", error);
        Assert.Equal(T0.AddDays(3), followUp.AppointmentAtUtc);
    }

    [Theory]
    [MemberData(nameof(Endings))]
    public void Close_InProgress_WithAReason_IsClosedThen(RequestStatus ending)
    {
        var followUp = Claimed();

        Assert.Null(followUp.Close(ending, "  Sent to the hand clinic.  ", T0.AddMinutes(20)));

        Assert.Equal(ending, followUp.Status);
        Assert.Equal("Sent to the hand clinic.", followUp.Reason);
        Assert.Equal(T0.AddMinutes(20), followUp.ClosedAtUtc);
        Assert.True(followUp.IsClosed);
    }

    [Theory]
    [InlineData(RequestStatus.Unreachable)]
    [InlineData(RequestStatus.Duplicate)]
    [InlineData(RequestStatus.Spam)]
    public void Close_WithoutReason_WhereNoneIsNeeded_IsClosed(RequestStatus ending)
    {
        var followUp = Claimed();

        Assert.Null(followUp.Close(ending, "  ", T0.AddMinutes(20)));

        Assert.Equal(ending, followUp.Status);
        Assert.Null(followUp.Reason);
    }

    [Theory]
    [InlineData(RequestStatus.Declined, "Say why the request is declined.")]
    [InlineData(RequestStatus.Referred, "Say to whom, or why, the patient is referred.")]
    public void Close_DeclinedOrReferredWithoutReason_IsRefused(RequestStatus ending, string expected)
    {
        foreach (var reason in new[] { null, "", "   " })
        {
            var followUp = Claimed();

            Assert.Equal(expected, followUp.Close(ending, reason, T0.AddMinutes(20)));

            Assert.Equal(RequestStatus.InProgress, followUp.Status);
            Assert.Null(followUp.ClosedAtUtc);
        }
    }

    [Fact]
    public void Close_ReasonTooLong_IsRefused()
    {
        var followUp = Claimed();

        var error = followUp.Close(RequestStatus.Declined, new string('x', RequestFollowUp.MaxReasonLength + 1), T0);

        Assert.Equal("Keep the reason to 500 characters; a note can say more.", error);
        Assert.Equal(RequestStatus.InProgress, followUp.Status);
        Assert.Null(followUp.Close(RequestStatus.Declined, new string('x', RequestFollowUp.MaxReasonLength), T0));
    }

    [Theory]
    [MemberData(nameof(Endings))]
    public void Close_BeforeClaim_IsRefused(RequestStatus ending)
    {
        var followUp = RequestFollowUp.New();

        var error = followUp.Close(ending, "a reason", T0);

        Assert.Equal("Claim this request first: then it is yours to call and to close.", error);
        Assert.Equal(RequestStatus.New, followUp.Status);
        Assert.Null(followUp.ClosedAtUtc);
    }

    [Theory]
    [InlineData(RequestStatus.New)]
    [InlineData(RequestStatus.InProgress)]
    [InlineData(RequestStatus.Scheduled)]
    public void Close_ToAStateThatIsNoEnding_IsRefused(RequestStatus status)
    {
        var followUp = Claimed();

        var error = followUp.Close(status, "a reason", T0);

        Assert.Equal("Choose how the request ended: declined, referred elsewhere, unreachable, duplicate or spam.", error);
        Assert.Equal(RequestStatus.InProgress, followUp.Status);
    }

    [Fact]
    public void Close_AlreadyClosed_IsRefusedUntilReopened()
    {
        var followUp = Claimed();
        Assert.Null(followUp.Close(RequestStatus.Unreachable, null, T0));

        Assert.Equal("This request is unreachable. Reopen it first.", followUp.Close(RequestStatus.Spam, null, T0.AddMinutes(1)));
        Assert.Equal(RequestStatus.Unreachable, followUp.Status);
        Assert.Equal(T0, followUp.ClosedAtUtc);
    }

    [Fact]
    public void Reopen_Closed_IsInProgressHeldByTheReopener_AndForgetsTheClose()
    {
        var followUp = Claimed();
        Assert.Null(followUp.Close(RequestStatus.Referred, "Hand clinic", T0.AddMinutes(5)));

        Assert.Null(followUp.Reopen(Ben, T0.AddDays(1)));

        Assert.Equal(RequestStatus.InProgress, followUp.Status);
        Assert.False(followUp.IsClosed);
        Assert.Null(followUp.ClosedAtUtc);
        Assert.Null(followUp.Reason);
        Assert.Equal("Ben", followUp.HolderName);
        Assert.Equal("ben@x", followUp.HolderEmail);
        Assert.Equal(T0.AddDays(1), followUp.ClaimedAtUtc);
        Assert.Equal(3, followUp.Version);
    }

    [Fact]
    public void Reopen_Scheduled_ForgetsTheVisit()
    {
        var followUp = Claimed();
        Assert.Null(followUp.Schedule(T0.AddDays(3), T0));

        Assert.Null(followUp.Reopen(Ana, T0.AddDays(1)));

        Assert.Null(followUp.AppointmentAtUtc);
        Assert.Null(followUp.ClosedAtUtc);
        // Reopened, it is in progress again: it can be closed anew.
        Assert.Null(followUp.Close(RequestStatus.Duplicate, null, T0.AddDays(2)));
        Assert.Equal(T0.AddDays(2), followUp.ClosedAtUtc);
    }

    [Fact]
    public void Reopen_Open_IsRefused()
    {
        var fresh = RequestFollowUp.New();
        var claimed = Claimed();

        Assert.Equal("This request is new: it is open already.", fresh.Reopen(Ben, T0));
        Assert.Equal("This request is in progress: it is open already.", claimed.Reopen(Ben, T0));

        Assert.Equal(RequestStatus.New, fresh.Status);
        Assert.Null(fresh.HolderName);
        Assert.Equal("Ana", claimed.HolderName);
        Assert.Equal(1, claimed.Version);
    }

    [Fact]
    public void LogCall_InProgress_IsCounted_KeepingTheFirstCallsTime()
    {
        var followUp = Claimed();

        Assert.Null(followUp.LogCall(CallOutcome.NoAnswer, Ana, T0.AddMinutes(5)));
        Assert.Null(followUp.LogCall(CallOutcome.LeftVoicemail, Ben, T0.AddMinutes(65)));
        Assert.Null(followUp.LogCall(CallOutcome.Spoke, Ana, T0.AddHours(3)));

        Assert.Equal(3, followUp.CallCount);
        Assert.Equal(T0.AddMinutes(5), followUp.FirstCallAtUtc);
        Assert.Equal(T0.AddHours(3), followUp.LastCallAtUtc);
        Assert.Equal([CallOutcome.NoAnswer, CallOutcome.LeftVoicemail, CallOutcome.Spoke], followUp.Calls.Select(c => c.Outcome));
        var second = followUp.Calls[1];
        Assert.Equal(("ben@x", "Ben", T0.AddMinutes(65)), (second.ByEmail, second.ByName, second.AtUtc));
        Assert.Equal(RequestStatus.InProgress, followUp.Status);
        Assert.Equal(4, followUp.Version);
    }

    [Fact]
    public void LogCall_AfterReopen_KeepsTheFirstCallsTime()
    {
        var followUp = Claimed();
        Assert.Null(followUp.LogCall(CallOutcome.NoAnswer, Ana, T0.AddMinutes(5)));
        Assert.Null(followUp.Close(RequestStatus.Unreachable, null, T0.AddDays(1)));
        Assert.Null(followUp.Reopen(Ana, T0.AddDays(2)));

        Assert.Null(followUp.LogCall(CallOutcome.Spoke, Ana, T0.AddDays(2).AddMinutes(1)));

        Assert.Equal(2, followUp.CallCount);
        Assert.Equal(T0.AddMinutes(5), followUp.FirstCallAtUtc);
        Assert.Equal(T0.AddDays(2).AddMinutes(1), followUp.LastCallAtUtc);
    }

    [Fact]
    public void LogCall_New_IsRefused()
    {
        var followUp = RequestFollowUp.New();

        Assert.Equal("Claim this request first: then it is yours to call and to close.", followUp.LogCall(CallOutcome.Spoke, Ana, T0));

        Assert.Equal(0, followUp.CallCount);
        Assert.Null(followUp.FirstCallAtUtc);
        Assert.Empty(followUp.Calls);
    }

    [Fact]
    public void LogCall_Closed_IsRefused()
    {
        var followUp = Claimed();
        Assert.Null(followUp.Close(RequestStatus.Spam, null, T0));

        Assert.Equal("This request is spam. Reopen it first.", followUp.LogCall(CallOutcome.Spoke, Ana, T0.AddMinutes(1)));

        Assert.Equal(0, followUp.CallCount);
        Assert.Empty(followUp.Calls);
    }

    [Fact]
    public void AddNote_InAnyState_IsKeptTrimmedWithItsAuthor()
    {
        var fresh = RequestFollowUp.New();
        var closed = Claimed();
        Assert.Null(closed.Close(RequestStatus.Spam, null, T0));

        Assert.Null(fresh.AddNote("  Called back from the Phoenix desk.  ", Ben, T0));
        Assert.Null(closed.AddNote("Same number as last week's spam.", Ana, T0.AddMinutes(1)));

        var note = Assert.Single(fresh.Notes);
        Assert.Equal(("Called back from the Phoenix desk.", "ben@x", "Ben", T0), (note.Text, note.ByEmail, note.ByName, note.AtUtc));
        Assert.Single(closed.Notes);
        Assert.Equal(RequestStatus.Spam, closed.Status);
    }

    [Fact]
    public void AddNote_EmptyOrTooLong_IsRefused()
    {
        var followUp = Claimed();

        Assert.Equal("Write the note first.", followUp.AddNote("   ", Ana, T0));
        Assert.Equal("Keep a note to 2000 characters, or write two.", followUp.AddNote(new string('x', RequestNote.MaxLength + 1), Ana, T0));

        Assert.Empty(followUp.Notes);
        Assert.Equal(1, followUp.Version);
    }

    private static RequestFollowUp Claimed()
    {
        var followUp = RequestFollowUp.New();
        Assert.Null(followUp.Claim(Ana, T0));
        return followUp;
    }
}
