using System.Diagnostics;
using AbovePT.Web.Data;
using AbovePT.Web.Features.Appointments.Delivery;
using AbovePT.Web.Features.Inbox;
using Microsoft.EntityFrameworkCore;

namespace AbovePT.Bench.Inbox;

/// <summary>
/// A clinic's two years of requests, written with the site's own entities, moves and search keys into a fresh
/// SQLite file the site has migrated: both clinics, every status in a front desk's proportions (the old
/// ones closed, a few hundred New or In progress from the last days, a few New ones left waiting), call attempts,
/// some notes, repeat patients, accented and hyphenated last names. Fake people, fixed seed: every run the same.
/// </summary>
internal static class Seed
{
    private const string ReferenceAlphabet = "34679ACDEFGHJKMNPQRTUVWXY";

    // Frequent names first: Pick() favours the start of a list, as real surnames do.
    private static readonly string[] CommonLastNames =
    [
        "García", "Smith", "Hernández", "Martínez", "Johnson", "López", "Rodríguez", "Williams", "González", "Brown",
        "Pérez", "Jones", "Sánchez", "Ramírez", "Miller", "Torres", "Davis", "Flores", "Rivera", "Gómez",
        "Díaz", "Wilson", "Cruz", "Moreno", "Anderson", "Muñoz", "Núñez", "Álvarez", "Jiménez", "Peña",
        "Castañeda", "Ibáñez", "Nguyen", "Nguyễn", "Tran", "Müller", "O'Brien", "Smith-Jones", "Björk", "Kowalski",
        "Ortiz", "Gutiérrez", "Chávez", "Ruiz", "Mendoza", "Vásquez", "Castillo", "Romero", "Herrera", "Medina",
        "Aguilar", "Vargas", "Thompson", "White", "Harris", "Martin", "Begay", "Yazzie", "Tsosie", "Benally",
        "Lee", "Kim", "Patel", "Singh", "Walker", "Young", "Allen", "King", "Wright", "Scott",
        "Green", "Baker", "Adams", "Nelson", "Hill", "Campbell", "Mitchell", "Roberts", "Carter", "Phillips",
    ];

    private static readonly string[] Syllables =
    [
        "al", "ber", "ca", "dor", "el", "fa", "gan", "ho", "ir", "ja", "ka", "lan", "mo", "ne", "or", "pa", "qui",
        "ra", "sen", "to", "ur", "va", "wel", "xi", "ya", "zo", "ñe", "é", "ström", "son", "ley", "berg", "ton", "ez",
    ];

    private static readonly string[] FirstNames =
    [
        "María", "José", "Ana", "Luis", "James", "Mary", "Robert", "Patricia", "John", "Jennifer", "Michael", "Linda",
        "David", "Elizabeth", "Carlos", "Sofía", "Juan", "Lucía", "Daniel", "Emily", "Chris", "Sarah", "Noah", "Olivia",
        "Liam", "Emma", "Mateo", "Isabella", "Ethan", "Ava", "Zoë", "Renée", "Joaquín", "Inés", "Thomas", "Karen",
    ];

    private static readonly string[] AreaCodes = ["480", "480", "480", "602", "602", "623", "520", "928"];

    private static readonly string[] Reasons = ["knee", "back", "shoulder", "neck", "hip", "ankle", "sports", "post-surgery", "balance", "other"];

    private static readonly StaffName[] FrontDesk =
    [
        new("ana.ruiz@abovept.example", "Ana Ruiz"),
        new("ben.ortiz@abovept.example", "Ben Ortiz"),
        new("carla.nguyen@abovept.example", "Carla Nguyen"),
        new("dev.patel@abovept.example", "Dev Patel"),
    ];

    /// <summary>
    /// Adds <paramref name="count"/> requests ending at <paramref name="nowUtc"/> to <paramref name="file"/>, a database the
    /// site has migrated (its <c>staff invite</c> command does): only the site's services give the staff tables their model.
    /// </summary>
    public static async Task<SeededTerms> WriteAsync(string file, int count, DateTime nowUtc)
    {
        var watch = Stopwatch.StartNew();
        var options = new DbContextOptionsBuilder<ClinicDbContext>().UseSqlite($"Data Source={file}").Options;
        var random = new Random(20261203);
        var references = new HashSet<string>();
        var phones = new List<string>();
        var terms = new SeededTerms();
        await using (var db = new AbovePT.Web.Data.Sqlite.SqliteClinicDbContext(options))
        {
            db.ChangeTracker.AutoDetectChangesEnabled = false;
            await using var transaction = await db.Database.BeginTransactionAsync();
            var span = TimeSpan.FromDays(730);
            // Oldest first, as they arrived: ids follow the received time, as in the site's own table.
            var received = Enumerable.Range(0, count)
                .Select(_ => nowUtc - span * Math.Pow(random.NextDouble(), 1.15))
                .Order()
                .ToList();
            for (var i = 0; i < count; i++)
            {
                var request = Request(random, received[i], nowUtc, references, phones);
                db.AppointmentRequests.Add(request);
                terms.Note(request, random);
                if (i % 5000 == 4999)
                {
                    await db.SaveChangesAsync();
                    db.ChangeTracker.Clear();
                }
            }

            await db.SaveChangesAsync();
            await transaction.CommitAsync();
        }

        await using (var db = new AbovePT.Web.Data.Sqlite.SqliteClinicDbContext(options))
        {
            var byStatus = await db.Set<RequestFollowUp>().GroupBy(f => f.Status).Select(g => new { g.Key, Count = g.Count() }).ToListAsync();
            Console.Error.WriteLine($"Seeded {count} requests in {watch.Elapsed.TotalSeconds:F1} s: "
                + string.Join(", ", byStatus.OrderBy(s => s.Key).Select(s => $"{s.Key} {s.Count}")));
        }

        return terms;
    }

    private static AppointmentRequest Request(Random random, DateTime at, DateTime nowUtc, HashSet<string> references, List<string> phones)
    {
        var location = random.NextDouble() < 0.55 ? "queen-creek" : "phoenix";
        var code = location == "queen-creek" ? "QC" : "PX";
        string reference;
        do
        {
            reference = $"{code}-{new string([.. Enumerable.Range(0, 5).Select(_ => ReferenceAlphabet[random.Next(ReferenceAlphabet.Length)])])}";
        }
        while (!references.Add(reference));

        // One in eight is a returning patient, asking again with the same number.
        var phone = phones.Count > 0 && random.NextDouble() < 0.125
            ? phones[random.Next(phones.Count)]
            : $"+1{AreaCodes[random.Next(AreaCodes.Length)]}{random.Next(200, 1000)}{random.Next(0, 10000):D4}";
        phones.Add(phone);
        var lastName = random.NextDouble() < 0.6
            ? Pick(random, CommonLastNames)
            : Invented(random);
        var email = random.NextDouble() < 0.7;
        var submission = new byte[16];
        random.NextBytes(submission);
        var request = new AppointmentRequest
        {
            Reference = reference,
            SubmissionId = new Guid(submission),
            LocationId = location,
            ReceivedAtUtc = at,
            FirstName = Pick(random, FirstNames),
            LastName = lastName,
            LastNameKey = SearchKeys.Name(lastName),
            Phone = phone,
            PhoneKey = SearchKeys.Phone(phone),
            PhoneExtension = random.NextDouble() < 0.03 ? random.Next(10, 999).ToString(System.Globalization.CultureInfo.InvariantCulture) : null,
            Email = email ? $"patient{references.Count}@example.com" : null,
            ContactMethod = email && random.NextDouble() < 0.3 ? "email" : "phone",
            PatientType = random.NextDouble() < 0.7 ? "new" : "returning",
            Reason = Pick(random, Reasons),
            Message = random.NextDouble() < 0.6 ? "Pain for a few weeks, worse after exercise and on the stairs. Mornings work best for me; please call after 8." : null,
            PreferredDays = random.NextDouble() < 0.5 ? "mon,wed,fri" : "",
            PreferredTimes = random.NextDouble() < 0.5 ? "morning" : "",
            Referral = random.NextDouble() < 0.3 ? "yes" : "no",
            Insurance = random.NextDouble() < 0.8 ? "Blue Cross Blue Shield of Arizona" : null,
            ConsentVersion = "2026-11",
            ConsentedAtUtc = at,
            FrontDeskMail = Sent(at),
            PatientMail = email ? Sent(at.AddSeconds(3)) : MailDelivery.NotNeeded(),
            FollowUp = RequestFollowUp.New(),
        };
        Follow(random, request.FollowUp, at, nowUtc);
        return request;
    }

    /// <summary>The front desk's work on a request of this age, through the follow-up's own moves.</summary>
    private static void Follow(Random random, RequestFollowUp followUp, DateTime at, DateTime nowUtc)
    {
        var age = nowUtc - at;
        var open = age < TimeSpan.FromDays(2) ? 0.95 : age < TimeSpan.FromDays(7) ? 0.5 : 0.0;
        // A few New ones forgotten for weeks: the oldest-first list starts with them.
        if (random.NextDouble() < (age < TimeSpan.FromDays(2) ? 0.85 : age < TimeSpan.FromDays(60) ? 0.002 : 0.0))
        {
            return;
        }

        var by = FrontDesk[random.Next(FrontDesk.Length)];
        var claimed = Before(at.AddMinutes(10 + (random.NextDouble() * 600)), nowUtc);
        followUp.Claim(by, claimed);
        var calls = random.Next(0, 4);
        var last = claimed;
        for (var c = 0; c < calls; c++)
        {
            last = Before(last.AddHours(random.NextDouble() * 20), nowUtc);
            followUp.LogCall(c == calls - 1 ? CallOutcome.Spoke : (CallOutcome)random.Next(2), by, last);
        }

        if (random.NextDouble() < 0.08)
        {
            followUp.AddNote("Asked to be called back after work; prefers the Tuesday slots.", by, last);
        }

        if (random.NextDouble() < open)
        {
            return;
        }

        var closed = Before(last.AddHours(random.NextDouble() * 30), nowUtc);
        var end = random.NextDouble();
        var problem = end switch
        {
            < 0.62 => followUp.Schedule(closed.AddDays(1 + random.Next(14)), closed),
            < 0.77 => followUp.Close(RequestStatus.Unreachable, null, closed),
            < 0.83 => followUp.Close(RequestStatus.Declined, "Not a condition the clinic treats.", closed),
            < 0.88 => followUp.Close(RequestStatus.Referred, "Referred to a hand specialist.", closed),
            < 0.95 => followUp.Close(RequestStatus.Duplicate, null, closed),
            _ => followUp.Close(RequestStatus.Spam, null, closed),
        };
        if (problem is not null)
        {
            throw new InvalidOperationException(problem);
        }
    }

    private static MailDelivery Sent(DateTime at)
    {
        var delivery = MailDelivery.PendingFrom(at);
        delivery.BeginAttempt(at, "seed", at.AddMinutes(2));
        delivery.MarkSent(at.AddSeconds(2));
        return delivery;
    }

    private static DateTime Before(DateTime at, DateTime nowUtc) => at < nowUtc ? at : nowUtc.AddMinutes(-1);

    private static string Pick(Random random, string[] values) => values[(int)(values.Length * Math.Pow(random.NextDouble(), 2))];

    private static string Invented(Random random)
    {
        var name = string.Concat(Enumerable.Range(0, random.Next(2, 4)).Select(_ => Syllables[random.Next(Syllables.Length)]));
        return char.ToUpperInvariant(name[0]) + name[1..];
    }
}

/// <summary>What the searches look for: terms of stored requests, typed as the front desk would type them.</summary>
internal sealed class SeededTerms
{
    private const int Keep = 50;

    public List<string> References { get; } = [];

    public List<string> Phones { get; } = [];

    public List<string> LastNames { get; } = [];

    public List<string> Prefixes { get; } = [];

    /// <summary>Keeps the terms of about one request in two thousand of each kind, spread over the two years.</summary>
    public void Note(AppointmentRequest request, Random random)
    {
        // A reference in lower case and a phone number in another format than the stored E.164.
        Add(References, request.Reference.ToLowerInvariant(), random, 1.0 / 2000);
        var digits = request.PhoneKey;
        Add(Phones, $"({digits[..3]}) {digits[3..6]}-{digits[6..]}", random, 1.0 / 2000);
        // An accented last name typed without its accents, and the first three letters of any last name.
        if (request.LastName.Any(c => c > 127))
        {
            Add(LastNames, request.LastNameKey, random, 1.0 / 500);
        }

        Add(Prefixes, request.LastNameKey[..Math.Min(3, request.LastNameKey.Length)], random, 1.0 / 2000);
    }

    private static void Add(List<string> list, string term, Random random, double chance)
    {
        if (list.Count < Keep && random.NextDouble() < chance)
        {
            list.Add(term);
        }
    }
}
