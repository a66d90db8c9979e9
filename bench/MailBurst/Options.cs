using System.Globalization;

namespace AbovePT.Bench.MailBurst;

/// <summary>The burst to send and the site's sending settings.</summary>
internal sealed record Options(string Publish, int Posts, double DelaySeconds, int Connections, int PerMinute)
{
    public const string Usage =
        "usage: MailBurst <published site folder> [--posts N] [--delay-seconds S] [--connections C] [--per-minute M]";

    /// <summary>Null (and a message on stderr) when the arguments make no sense.</summary>
    public static Options? Parse(string[] args)
    {
        if (args.Length == 0 || args.Length % 2 == 0)
        {
            Console.Error.WriteLine(Usage);
            return null;
        }

        var options = new Options(Path.GetFullPath(args[0]), Posts: 12, DelaySeconds: 5, Connections: 2, PerMinute: 30);
        for (var i = 1; i < args.Length; i += 2)
        {
            var (name, value) = (args[i], args[i + 1]);
            options = name switch
            {
                "--posts" when int.TryParse(value, CultureInfo.InvariantCulture, out var n) && n is >= 1 and <= 200 => options with { Posts = n },
                "--delay-seconds" when double.TryParse(value, CultureInfo.InvariantCulture, out var s) && s is >= 0 and <= 100 => options with { DelaySeconds = s },
                "--connections" when int.TryParse(value, CultureInfo.InvariantCulture, out var c) && c is >= 1 and <= 10 => options with { Connections = c },
                "--per-minute" when int.TryParse(value, CultureInfo.InvariantCulture, out var m) && m is >= 0 and <= 100000 => options with { PerMinute = m },
                _ => null,
            };
            if (options is null)
            {
                Console.Error.WriteLine($"bad option {name} {value} (posts 1-200, delay-seconds 0-100, connections 1-10, per-minute 0-100000)");
                Console.Error.WriteLine(Usage);
                return null;
            }
        }

        return options;
    }

    /// <summary>The floor as stated: every message's server time spread evenly over the connections.</summary>
    public double SpreadSeconds(int messages) => messages * DelaySeconds / Connections;

    /// <summary>
    /// The fastest the front desks' e-mails can all be in, given the server's time per message, the connections
    /// and the rate limit: <see cref="SpreadSeconds"/>, or, when the burst is larger than the limit, the last
    /// arrival of an ideal sender (every message due at 0, each started as soon as a connection is free and the
    /// limit allows: no more than the limit in any 60 s), whichever is later.
    /// </summary>
    public double FloorSeconds(int messages) => Math.Max(SpreadSeconds(messages), RateLimitedSeconds(messages));

    /// <summary>The ideal sender's last arrival under the rate limit; 0 when the limit does not bind.</summary>
    public double RateLimitedSeconds(int messages)
    {
        if (PerMinute == 0 || messages <= PerMinute)
        {
            return 0;
        }

        var free = new double[Connections];
        var starts = new List<double>(messages);
        var last = 0.0;
        for (var k = 0; k < messages; k++)
        {
            var connection = Array.IndexOf(free, free.Min());
            var start = Math.Max(free[connection], k >= PerMinute ? starts[k - PerMinute] + 60 : 0);
            starts.Add(start);
            free[connection] = start + DelaySeconds;
            last = Math.Max(last, free[connection]);
        }

        return last;
    }

    /// <summary>The site's SMTP timeout: long enough that the server's wait is never a timeout.</summary>
    public int SmtpTimeoutSeconds => (int)Math.Clamp(Math.Ceiling(DelaySeconds) + 10, 15, 120);

    /// <summary>Generous bound on waiting for every e-mail of the burst.</summary>
    public TimeSpan Deadline
    {
        get
        {
            var all = 2 * Posts;
            var perMinute = PerMinute > 0 ? 60.0 * (all / PerMinute) : 0;
            return TimeSpan.FromSeconds((3 * ((all * DelaySeconds / Connections) + perMinute)) + 60);
        }
    }
}
