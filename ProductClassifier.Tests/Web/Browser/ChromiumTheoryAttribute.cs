namespace ProductClassifier.Tests.Web.Browser;

/// <summary>A theory that drives Chromium: reported as skipped, with the reason, only where Chromium is not installed.</summary>
public sealed class ChromiumTheoryAttribute : TheoryAttribute
{
    public ChromiumTheoryAttribute()
    {
        if (!Chromium.IsInstalled) Skip = Chromium.MissingReason;
    }
}
