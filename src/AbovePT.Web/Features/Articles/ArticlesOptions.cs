using System.ComponentModel.DataAnnotations;

namespace AbovePT.Web.Features.Articles;

/// <summary>Where the articles live, bound from the <c>Articles</c> configuration section.</summary>
public sealed class ArticlesOptions
{
    public const string Section = "Articles";

    /// <summary>
    /// The content folder (it holds <c>articles/</c>). A relative path is resolved against the content
    /// root, like <c>wwwroot</c> and <c>appsettings.json</c>: a published app finds the <c>content/</c>
    /// that publish copied beside it, and Development points this at the repository's own folder.
    /// </summary>
    [Required]
    public string ContentPath { get; set; } = "content";

    /// <summary>
    /// Checks the files every few seconds instead of waiting for the OS to report changes: for folders
    /// where no change events arrive (network shares, some container volume mounts).
    /// </summary>
    public bool PollForChanges { get; set; }

    /// <summary>Shows drafts (marked as such) so staff can preview them; never enabled in production.</summary>
    public bool ShowDrafts { get; set; }

    /// <summary><see cref="ContentPath"/> as an absolute path; set at start-up.</summary>
    public string ContentDirectory { get; set; } = "";
}
