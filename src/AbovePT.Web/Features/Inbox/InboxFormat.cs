using System.Globalization;
using AbovePT.Web.Clinic;
using AbovePT.Web.Features.Staff;

namespace AbovePT.Web.Features.Inbox;

/// <summary>How the inbox words its times, ages and outcomes: every time in Arizona time.</summary>
public static class InboxFormat
{
    /// <summary>A request's page: its canonical path, lower case like every path of the site.</summary>
    public static string PathOf(string reference) => "/staff/requests/" + reference.ToLowerInvariant();

    /// <summary>How long a request has waited: "15 min", "2 h 10 min", "3 d 4 h".</summary>
    public static string Age(TimeSpan age)
    {
        if (age < TimeSpan.FromMinutes(1))
        {
            return "just now";
        }

        if (age < TimeSpan.FromHours(1))
        {
            return $"{(int)age.TotalMinutes} min";
        }

        return age < TimeSpan.FromDays(1) ? $"{(int)age.TotalHours} h {age.Minutes} min" : $"{(int)age.TotalDays} d {age.Hours} h";
    }

    /// <summary>"9:42 AM" in Arizona.</summary>
    public static string Clock(DateTime utc) => ArizonaTime.ToArizona(utc).ToString("h:mm tt", CultureInfo.InvariantCulture);

    /// <summary>"Wed, Dec 2, 9:42 AM" in Arizona.</summary>
    public static string When(DateTime utc) => ArizonaTime.ToArizona(utc).ToString("ddd, MMM d, h:mm tt", CultureInfo.InvariantCulture);

    public static string Outcome(CallOutcome outcome) => outcome switch
    {
        CallOutcome.NoAnswer => "no answer",
        CallOutcome.LeftVoicemail => "left voicemail",
        _ => "spoke",
    };

    public static string Status(RequestStatus status) => status switch
    {
        RequestStatus.InProgress => "In progress",
        RequestStatus.Referred => "Referred elsewhere",
        _ => status.ToString(),
    };

    /// <summary>What the page says after a move.</summary>
    public static string Done(StaffEvent what, RequestFollowUp followUp) => what switch
    {
        StaffEvent.RequestClaimed => "You have claimed this request: it is yours to call.",
        StaffEvent.CallLogged => $"Call logged ({followUp.CallCount} so far).",
        StaffEvent.NoteAdded => "Note added.",
        StaffEvent.RequestReopened => "Reopened: the request is in progress again, held by you.",
        _ => followUp.Status == RequestStatus.Scheduled
            ? $"Scheduled for {When(followUp.AppointmentAtUtc!.Value)} (Arizona time)."
            : $"Closed as {RequestFollowUp.Describe(followUp.Status)}.",
    };

    /// <summary>A timeline row's action in words: "claimed", "viewed", "scheduled".</summary>
    public static string Action(StaffAuditEntry entry) => entry.Event switch
    {
        StaffEvent.RequestViewed => "viewed the request",
        StaffEvent.RequestClaimed => "claimed it",
        StaffEvent.RequestReopened => "reopened it",
        StaffEvent.CallLogged => $"called: {entry.Detail}",
        StaffEvent.NoteAdded => "added a note",
        StaffEvent.MailResent => $"sent the {entry.Detail} again",
        StaffEvent.RequestStatusChanged => $"marked it {entry.Detail}",
        _ => entry.Detail ?? entry.Event.ToString(),
    };
}
